"""Records to Arrow record batches under one schema fixed by the first pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa


class SchemaConflictError(TypeError):
    """A page's records do not fit the schema of the earlier pages."""


def records_to_batch(records: Sequence[dict[str, Any]], page: int) -> pa.RecordBatch:
    """One batch with every key seen in ``records``; a mixed-type field is reported by name."""
    import pyarrow as pa

    try:
        array = pa.array(records) if records else pa.array([], type=pa.struct([]))
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise SchemaConflictError(f"page {page}: {_culprit(records)}{error}") from None
    return pa.RecordBatch.from_struct_array(array)


def _culprit(records: Sequence[dict[str, Any]]) -> str:
    import pyarrow as pa

    names = dict.fromkeys(key for record in records for key in record)
    for name in names:
        try:
            pa.array([record.get(name) for record in records])
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return f"field '{name}' has values of different types: "
    return ""


def unify(batches: Sequence[pa.RecordBatch]) -> pa.Schema:
    """A schema that every batch can be cast to, widening types where pyarrow can."""
    import pyarrow as pa

    return pa.unify_schemas([batch.schema for batch in batches], promote_options="permissive")


def conform(batch: pa.RecordBatch, schema: pa.Schema, page: int) -> pa.RecordBatch:
    """Cast ``batch`` to ``schema``: missing fields become null, values are cast safely.

    :raises SchemaConflictError: a new field, or a value that cannot be cast, naming page and field.
    """
    import pyarrow as pa

    extra = [name for name in batch.schema.names if schema.get_field_index(name) < 0]
    if extra:
        raise SchemaConflictError(
            f"page {page}: field '{extra[0]}' was not in the first pages' schema "
            "(raise schema_pages to infer the schema from more pages)"
        )
    columns = []
    for field in schema:
        index = batch.schema.get_field_index(field.name)
        if index < 0:
            columns.append(pa.nulls(batch.num_rows, type=field.type))
            continue
        column = batch.column(index)
        if column.type == field.type:
            columns.append(column)
            continue
        try:
            columns.append(column.cast(field.type, safe=True))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as error:
            raise SchemaConflictError(
                f"page {page}: field '{field.name}' is {column.type}, but earlier pages made it "
                f"{field.type} ({error}; raise schema_pages to infer the schema from more pages)"
            ) from None
    return pa.RecordBatch.from_arrays(columns, schema=schema)
