"""Read a list of files one after another as a single stream with one schema."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from providers.files.file_reading import FileReadError, OpenedFile, ReadPlan, open_file, reading_errors

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.files.file_matching import FileRef


def read_files(
    refs: Sequence[FileRef],
    plan: ReadPlan,
    *,
    node_id: str,
    union_by_name: bool = False,
    log: logging.Logger | None = None,
) -> pa.RecordBatchReader:
    """Stream ``refs`` in order; memory holds one batch of one file at a time.

    The first file fixes the columns and types (``column_types`` override them); later files
    are parsed with those types and must have the same columns, in any order. With
    ``union_by_name`` every file's schema is read first and the union is used: columns a
    file lacks are null, and types are widened where Arrow can (int64 + float64 → float64).
    """
    import pyarrow as pa

    log = log or logging.getLogger(__name__)
    if union_by_name:
        target = _union_schema(refs, plan, node_id)
        first = _open(refs[0], plan, node_id, _hints(target, plan))
    else:
        first = _open(refs[0], plan, node_id, plan.column_types)
        try:
            target = _declared(_file_schema(first, plan, node_id), plan, refs[0], node_id)
        except FileReadError:
            first.close()
            raise
    batches = _all_batches(first, refs, plan, target, node_id=node_id, union_by_name=union_by_name, log=log)
    return pa.RecordBatchReader.from_batches(target, batches)


def _all_batches(
    first: OpenedFile,
    refs: Sequence[FileRef],
    plan: ReadPlan,
    target: pa.Schema,
    *,
    node_id: str,
    union_by_name: bool,
    log: logging.Logger,
) -> Iterator[pa.RecordBatch]:
    rows = 0
    opened: OpenedFile | None = first
    for number, ref in enumerate(refs, start=1):
        log.info("Reading file %d of %d: %s", number, len(refs), ref.uri)
        later = opened is None
        opened = opened or _open(ref, plan, node_id, _hints(target, plan))
        partitions = ref.partition_values() if plan.hive_partitioning else {}
        try:
            if later and not union_by_name:
                _check_same_columns(_file_schema(opened, plan, node_id), target, ref, refs[0], node_id)
            with reading_errors(ref, plan, node_id, _hints(target, plan)):
                for batch in opened.reader:
                    rows += batch.num_rows
                    yield _conform(_with_partitions(batch, partitions), target, ref, node_id)
        finally:
            opened.close()
        opened = None
    log.info("Read %d rows from %d file(s)", rows, len(refs))


def _open(ref: FileRef, plan: ReadPlan, node_id: str, hints: Mapping[str, pa.DataType]) -> OpenedFile:
    """Open one file; types of partition columns are not hints (the file does not hold them)."""
    if plan.hive_partitioning:
        folders = ref.partition_values()
        hints = {name: kind for name, kind in hints.items() if name not in folders}
    return open_file(ref, plan, node_id, hints)


def _file_schema(opened: OpenedFile, plan: ReadPlan, node_id: str) -> pa.Schema:
    """The columns of a file: its own, then (with hive_partitioning) its folders' keys as strings."""
    import pyarrow as pa

    schema = opened.reader.schema
    if not plan.hive_partitioning:
        return schema
    folders = list(opened.ref.partition_values())
    twice = [name for name in folders if name in schema.names]
    if twice:
        raise FileReadError(
            f"node '{node_id}': {opened.ref.uri}: column {', '.join(twice)} is both in the file "
            "and in its folder name; turn hive_partitioning off or rename one"
        )
    return pa.schema([*schema, *(pa.field(name, pa.string()) for name in folders)])


def _with_partitions(batch: pa.RecordBatch, partitions: Mapping[str, str | None]) -> pa.RecordBatch:
    import pyarrow as pa

    for name, value in partitions.items():
        batch = batch.append_column(name, pa.repeat(pa.scalar(value, pa.string()), batch.num_rows))
    return batch


def _hints(target: pa.Schema, plan: ReadPlan) -> dict[str, pa.DataType]:
    """Types later files are parsed with: the target's, except columns still untyped (all null)."""
    import pyarrow as pa

    hints = {field.name: field.type for field in target if not pa.types.is_null(field.type)}
    return {**hints, **plan.column_types}


def _declared(schema: pa.Schema, plan: ReadPlan, ref: FileRef, node_id: str) -> pa.Schema:
    """``schema`` with the declared ``column_types`` applied (Parquet and JSON are cast after reading)."""
    import pyarrow as pa

    unknown = sorted(set(plan.column_types) - set(schema.names))
    if unknown:
        raise FileReadError(
            f"node '{node_id}': column_types names {', '.join(repr(n) for n in unknown)}, "
            f"not a column of {ref.uri} "
            f"(columns: {', '.join(schema.names)})"
        )
    return pa.schema([field.with_type(plan.column_types.get(field.name, field.type)) for field in schema])


def _union_schema(refs: Sequence[FileRef], plan: ReadPlan, node_id: str) -> pa.Schema:
    import pyarrow as pa

    schemas = []
    for ref in refs:
        opened = _open(ref, plan, node_id, plan.column_types)
        try:
            schemas.append(_file_schema(opened, plan, node_id))
        finally:
            opened.close()
    try:
        union = pa.unify_schemas(schemas, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise FileReadError(f"node '{node_id}': the files' columns cannot be combined: {error}") from None
    return _declared(union, plan, refs[0], node_id)


def _check_same_columns(
    schema: pa.Schema, target: pa.Schema, ref: FileRef, first: FileRef, node_id: str
) -> None:
    missing = [name for name in target.names if name not in schema.names]
    extra = [name for name in schema.names if name not in target.names]
    if missing or extra:
        parts = [
            f"lacks {', '.join(missing)}" if missing else "",
            f"adds {', '.join(extra)}" if extra else "",
        ]
        raise FileReadError(
            f"node '{node_id}': {ref.uri} has other columns than {first.uri}: "
            f"it {' and '.join(part for part in parts if part)}; "
            "set union_by_name: true to combine files by column name"
        )


def _conform(batch: pa.RecordBatch, target: pa.Schema, ref: FileRef, node_id: str) -> pa.RecordBatch:
    """``batch`` with the target's columns, in its order and types; missing columns are null."""
    import pyarrow as pa

    if batch.schema.equals(target):
        return batch
    columns = []
    for field in target:
        index = batch.schema.get_field_index(field.name)
        if index < 0:
            columns.append(pa.nulls(batch.num_rows, field.type))
            continue
        column = batch.column(index)
        try:
            columns.append(column if column.type == field.type else column.cast(field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
            raise FileReadError(
                f"node '{node_id}': {ref.uri}: column '{field.name}' is {column.type} here but "
                f"{field.type} in the first file, and cannot be converted ({error}); "
                "declare its type in column_types"
            ) from None
    return pa.RecordBatch.from_arrays(columns, schema=target)
