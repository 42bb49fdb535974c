"""Python rows ↔ Arrow record batches, for drivers that speak in tuples."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa


def _column_values(values: Sequence[Any], arrow_type: pa.DataType, *, is_json: bool) -> list[Any]:
    """Adapt driver values to what ``pa.array`` takes for ``arrow_type``."""
    import pyarrow.types as t

    if is_json:
        return [v if v is None or isinstance(v, str) else json.dumps(v) for v in values]
    if t.is_string(arrow_type):
        return [
            v
            if v is None or isinstance(v, str)
            else v.decode()
            if isinstance(v, bytes | bytearray)
            else json.dumps(v)
            if isinstance(v, dict | list)
            else str(v)
            for v in values
        ]
    if t.is_floating(arrow_type):
        return [None if v is None else float(v) for v in values]
    if t.is_binary(arrow_type):
        return [None if v is None else bytes(v) for v in values]
    if t.is_boolean(arrow_type):
        return [None if v is None else bool(v) for v in values]
    return list(values)


def batch_from_rows(
    rows: Sequence[Sequence[Any]], schema: pa.Schema, json_columns: set[int] | frozenset[int] = frozenset()
) -> pa.RecordBatch:
    """One record batch of ``schema`` from driver rows."""
    import pyarrow as pa

    columns = list(zip(*rows, strict=True))
    arrays = [
        pa.array(_column_values(values, field.type, is_json=i in json_columns), field.type)
        for i, (values, field) in enumerate(zip(columns, schema, strict=True))
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


ValueAdapter = Callable[["pa.Array"], list[Any]]
"""A column's values as the driver takes them."""


def rows_from_batch(
    batch: pa.RecordBatch, adapt: Callable[[pa.DataType], ValueAdapter | None]
) -> Iterator[tuple]:
    """The batch's rows as tuples, each column passed through ``adapt(type)`` if it gives an adapter."""
    import pyarrow.types as t

    columns = []
    for column in batch.columns:
        if t.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        adapter = adapt(column.type)
        columns.append(adapter(column) if adapter else column.to_pylist())
    return zip(*columns, strict=True)


def nested_as_json(column: pa.Array) -> pa.Array:
    """Lists, structs and maps as JSON text."""
    import pyarrow as pa

    return pa.array(
        [None if v is None else json.dumps(v, default=str) for v in column.to_pylist()], pa.string()
    )


def duration_as_micros(column: pa.Array) -> pa.Array:
    """Durations as whole microseconds (int64)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.cast(column.cast(pa.duration("us")), pa.int64())


def json_values(column: pa.Array) -> list[Any]:
    """:func:`nested_as_json` as Python values."""
    return nested_as_json(column).to_pylist()


def micros_values(column: pa.Array) -> list[Any]:
    """:func:`duration_as_micros` as Python values."""
    return duration_as_micros(column).to_pylist()
