"""The output schema of a union of inputs, matched by column name or by position."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun


def union_by_name(run: NodeRun, schemas: Sequence[pa.Schema]) -> pa.Schema:
    """Every column of every input, in order of first appearance, each of a type all its inputs fit."""
    import pyarrow as pa

    fields: dict[str, pa.Field] = {}
    source: dict[str, int] = {}
    for index, schema in enumerate(schemas):
        for field in schema:
            if field.name in fields:
                fields[field.name] = _unify(run, fields[field.name], field, source[field.name], index)
            else:
                fields[field.name], source[field.name] = field.with_nullable(True), index
    return pa.schema(list(fields.values()))


def union_by_position(run: NodeRun, schemas: Sequence[pa.Schema]) -> pa.Schema:
    """The first input's column names, each of a type all inputs' columns at that position fit."""
    import pyarrow as pa

    first = schemas[0]
    fields = [field.with_nullable(True) for field in first]
    for index, schema in enumerate(schemas[1:], start=1):
        if len(schema) != len(first):
            from providers.transforms.input_columns import ColumnNodeError

            raise ColumnNodeError(
                f"node '{run.node_id}', by: inputs[{index}] has {len(schema)} columns and inputs[0] has "
                f"{len(first)}; a union by position needs the same number of columns in every input"
            )
        fields = [
            _unify(run, current, other.with_name(current.name), 0, index)
            for current, other in zip(fields, schema, strict=True)
        ]
    return pa.schema(fields)


def conform(batch: pa.RecordBatch, schema: pa.Schema, by: str) -> pa.RecordBatch:
    """``batch`` with the columns and types of ``schema``; columns it lacks are null."""
    import pyarrow as pa

    if by == "position":
        batch = batch.rename_columns(schema.names)
    arrays = [
        batch.column(field.name).cast(field.type)
        if field.name in batch.schema.names
        else pa.nulls(batch.num_rows, field.type)
        for field in schema
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _unify(
    run: NodeRun, current: pa.Field, other: pa.Field, current_input: int, other_input: int
) -> pa.Field:
    import pyarrow as pa

    try:
        merged = pa.unify_schemas([pa.schema([current]), pa.schema([other])], promote_options="permissive")
    except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
        from providers.transforms.input_columns import ColumnNodeError

        raise ColumnNodeError(
            f"node '{run.node_id}', by: column '{current.name}' is {current.type} in inputs[{current_input}] "
            f"and {other.type} in inputs[{other_input}]; these types cannot be combined (cast one with "
            "transform.derive)"
        ) from None
    return merged.field(0).with_nullable(True)
