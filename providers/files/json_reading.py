"""Read JSON Lines as a bounded stream, and JSON documents (one array of records) whole."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

_CHUNK_BYTES = 1 << 20


def open_jsonl_reader(
    stream: pa.NativeFile, *, column_types: Mapping[str, pa.DataType], block_size: int
) -> pa.RecordBatchReader:
    """An incremental reader of newline-delimited JSON objects, ``block_size`` bytes at a time.

    The columns and their types are inferred from the first block; declared ``column_types``
    are added to them (and placed first, as pyarrow does).
    """
    import pyarrow as pa
    import pyarrow.json as pj

    parse = pj.ParseOptions(
        explicit_schema=pa.schema(dict(column_types)) if column_types else None,
        unexpected_field_behavior="infer",
    )
    return pj.open_json(stream, read_options=pj.ReadOptions(block_size=block_size), parse_options=parse)


def _lines(stream: pa.NativeFile) -> Iterator[bytes]:
    pending = b""
    while chunk := stream.read(_CHUNK_BYTES):
        pending += chunk
        *complete, pending = pending.split(b"\n")
        yield from complete
    if pending:
        yield pending


def find_bad_json_line(stream: pa.NativeFile, known_fields: set[str] | None) -> str | None:
    """Say where a JSON Lines file goes wrong: the first malformed line, or the first field
    not among ``known_fields`` (the columns the first block fixed; ``None`` skips that check).

    Used only after pyarrow failed, whose messages count rows per block rather than per file.
    """
    for number, line in enumerate(_lines(stream), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            return f"line {number}, column {error.colno}: malformed JSON: {error.msg}"
        if not isinstance(value, dict):
            return f"line {number}: expected a JSON object, got {type(value).__name__}"
        new_fields = [name for name in value if known_fields is not None and name not in known_fields]
        if new_fields:
            return (
                f"line {number}: field '{new_fields[0]}' is not in the first block of the file, "
                "which fixes the columns; declare it in column_types"
            )
    return None


def select_records(document: Any, records: str | None) -> list[Any]:
    """The array of records in a parsed JSON document.

    Without ``records`` the document must be an array, or an object with exactly one member
    that is an array. ``records`` is a dotted path of object members, e.g. ``data.items``.
    """
    if records:
        found = document
        for step, key in enumerate(records.split(".")):
            if not isinstance(found, dict) or key not in found:
                where = ".".join(records.split(".")[:step]) or "the document"
                raise ValueError(f"records path '{records}': no member '{key}' in {where}")
            found = found[key]
    elif isinstance(document, dict):
        arrays = [key for key, value in document.items() if isinstance(value, list)]
        if len(arrays) != 1:
            raise ValueError(
                f"the document is an object with {len(arrays)} array members "
                f"({', '.join(arrays) or 'none'}); "
                "set records to the path of the array of records"
            )
        found = document[arrays[0]]
    else:
        found = document
    if not isinstance(found, list):
        raise ValueError(f"expected an array of records, found a JSON {type(found).__name__}")
    return found


def records_table(records: list[Any], column_types: Mapping[str, pa.DataType]) -> pa.Table:
    """A table of JSON objects: one column per member name, in order of first appearance."""
    import pyarrow as pa

    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise ValueError(f"record {index}: expected a JSON object, got {type(record).__name__}")
    names = dict.fromkeys(name for record in records for name in record)
    columns = {}
    for name in names:
        values = [record.get(name) for record in records]
        declared = column_types.get(name)
        try:
            array = pa.array(values)
            columns[name] = array.cast(declared) if declared is not None else array
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as error:
            raise ValueError(f"field '{name}': {error}") from None
    return pa.table(columns) if columns else pa.table({})
