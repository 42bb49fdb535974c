"""Open one file of any supported format as a stream of record batches."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from providers.files.csv_reading import CsvSettings, open_csv_reader
from providers.files.file_streams import open_input, open_random_access, read_sample
from providers.files.formats import Compression, FileFormat, compression_of
from providers.files.json_reading import find_bad_json_line, open_jsonl_reader, records_table, select_records

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.files.file_matching import FileRef


class FileReadError(ValueError):
    """A file could not be read; the message names the node, the file and, if known, the line."""


@dataclass(frozen=True)
class ReadPlan:
    """How every file of one node is read.

    :param fmt: The format of all files.
    :param compression: Explicit compression; ``None`` means "by each file's suffix".
    :param csv: CSV layout (CSV only).
    :param records: Path of the records array in a JSON document (JSON only).
    :param column_types: Declared column types.
    :param batch_rows: Rows per batch (Parquet, JSON); sets the block size of CSV and JSON Lines.
    :param hive_partitioning: Add the ``key=value`` folders of each file's path as columns.
    :param columns: Parquet only: read just these columns, in the file's order; ``None``, or a
        file lacking one of them: every column.
    """

    fmt: FileFormat
    compression: Compression | None = None
    csv: CsvSettings = field(default_factory=CsvSettings)
    records: str | None = None
    column_types: Mapping[str, pa.DataType] = field(default_factory=dict)
    batch_rows: int = 65_536
    hive_partitioning: bool = False
    columns: frozenset[str] | None = None

    @property
    def block_size(self) -> int:
        """Bytes parsed at a time by the CSV and JSON Lines readers: 32 x ``batch_rows``, 1 to 16 MB.

        pyarrow reads up to 32 blocks ahead of the consumer, so this sets the memory bound;
        larger blocks do not read faster. A row must fit in one block.
        """
        return max(1 << 20, min(self.batch_rows * 32, 16 << 20))

    def compression_of(self, ref: FileRef) -> Compression | None:
        """The compression of one file: the explicit one, else its suffix's."""
        return self.compression or compression_of(ref.path)


@dataclass
class OpenedFile:
    """A reader over one file and the stream under it, closed together."""

    ref: FileRef
    reader: pa.RecordBatchReader
    stream: Any

    def close(self) -> None:
        """Close the underlying stream."""
        self.stream.close()


def open_file(ref: FileRef, plan: ReadPlan, node_id: str, hints: Mapping[str, pa.DataType]) -> OpenedFile:
    """Open ``ref`` as a reader; ``hints`` are column types to parse with (declared, or of earlier files)."""
    with reading_errors(ref, plan, node_id, hints):
        if plan.fmt == "parquet":
            return _open_parquet(ref, plan)
        stream = open_input(ref, plan.compression_of(ref))
        if plan.fmt == "csv":
            reader = open_csv_reader(stream, plan.csv, column_types=hints, block_size=plan.block_size)
        elif plan.fmt == "jsonl":
            reader = open_jsonl_reader(stream, column_types=hints, block_size=plan.block_size)
        else:
            reader = _read_json_document(stream, plan, hints)
        return OpenedFile(ref=ref, reader=reader, stream=stream)


def _open_parquet(ref: FileRef, plan: ReadPlan) -> OpenedFile:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from providers.files.parquet_batches import row_group_batches

    handle = open_random_access(ref)
    parquet = pq.ParquetFile(handle)
    schema = parquet.schema_arrow
    columns = None
    if plan.columns is not None and plan.columns <= set(schema.names):
        columns = [name for name in schema.names if name in plan.columns]
        schema = pa.schema([schema.field(name) for name in columns], metadata=schema.metadata)
    batches = row_group_batches(parquet, plan.batch_rows, columns)
    return OpenedFile(ref=ref, reader=pa.RecordBatchReader.from_batches(schema, batches), stream=handle)


def _read_json_document(
    stream: pa.NativeFile, plan: ReadPlan, hints: Mapping[str, pa.DataType]
) -> pa.RecordBatchReader:
    # One JSON document cannot be parsed in pieces: the whole file is held in memory.
    try:
        document = json.loads(stream.read())
    except json.JSONDecodeError as error:
        raise ValueError(f"line {error.lineno}, column {error.colno}: malformed JSON: {error.msg}") from None
    table = records_table(select_records(document, plan.records), hints)
    return table.to_reader(max_chunksize=plan.batch_rows)


@contextmanager
def reading_errors(
    ref: FileRef, plan: ReadPlan, node_id: str, hints: Mapping[str, pa.DataType]
) -> Iterator[None]:
    """Turn a failure while reading ``ref`` into a ``FileReadError`` naming node, file and line."""
    import pyarrow as pa

    try:
        yield
    except FileReadError:
        raise
    except (pa.ArrowException, ValueError, UnicodeError, OSError) as error:
        detail = _locate(ref, plan, hints, str(error)) or str(error)
        raise FileReadError(f"node '{node_id}': {ref.uri}: {detail}{_hint(detail)}") from error


def _hint(detail: str) -> str:
    if "conversion error" in detail or "changed from" in detail or "Failed to convert" in detail:
        return "; declare the column's type in column_types"
    if "Expected" in detail and "columns, got" in detail:
        return "; check csv.delimiter and csv.quote_char (or set csv.sniff: true)"
    return ""


def _locate(ref: FileRef, plan: ReadPlan, hints: Mapping[str, pa.DataType], message: str) -> str | None:
    """Read the file again to find where it goes wrong; only runs after a failure.

    pyarrow's threaded CSV reader and its JSON reader report no line numbers of the file.
    """
    if plan.fmt == "jsonl" and "JSON" in message:
        return _locate_jsonl(ref, plan, hints)
    if plan.fmt == "csv" and "CSV" in message:
        return _locate_csv(ref, plan, hints)
    return None


def _locate_jsonl(ref: FileRef, plan: ReadPlan, hints: Mapping[str, pa.DataType]) -> str | None:
    import pyarrow as pa

    known: set[str] | None = None
    try:
        with open_input(ref, plan.compression_of(ref)) as stream:
            known = set(
                open_jsonl_reader(stream, column_types=hints, block_size=plan.block_size).schema.names
            )
    except pa.ArrowInvalid:
        pass  # the first block is bad itself: look for malformed lines only
    with open_input(ref, plan.compression_of(ref)) as stream:
        return find_bad_json_line(stream, known)


def _locate_csv(ref: FileRef, plan: ReadPlan, hints: Mapping[str, pa.DataType]) -> str | None:
    import pyarrow as pa

    names: list[str] = []
    try:
        with open_input(ref, plan.compression_of(ref)) as stream:
            reader = open_csv_reader(
                stream, plan.csv, column_types=hints, block_size=plan.block_size, use_threads=False
            )
            names = reader.schema.names
            for _ in reader:
                pass
    except pa.ArrowInvalid as error:
        names = names or _csv_header(ref, plan)
        found = re.search(r"CSV column #(\d+)", str(error))
        if found and int(found.group(1)) < len(names):
            return f"{error} (column '{names[int(found.group(1))]}')"
        return str(error)
    return None


def _csv_header(ref: FileRef, plan: ReadPlan) -> list[str]:
    """The column names, read with Python's csv module (when pyarrow failed on the first block)."""
    settings = plan.csv
    if settings.column_names or not settings.header:
        return list(settings.column_names or [])
    text = read_sample(ref, plan.compression_of(ref), 1 << 16).decode(settings.encoding, errors="replace")
    lines = text.splitlines()[settings.skip_rows :]
    rows = csv.reader(lines, delimiter=settings.delimiter, quotechar=settings.quote_char)
    return next(rows, [])
