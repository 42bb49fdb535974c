"""Python rows ↔ Arrow record batches, for drivers that speak in tuples."""

from __future__ import annotations

import datetime as dt
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


ValueAdapter = Callable[[list[Any]], list[Any]]


def rows_from_batch(
    batch: pa.RecordBatch, adapt: Callable[[pa.DataType], ValueAdapter | None]
) -> Iterator[tuple]:
    """The batch's rows as tuples, each column's values passed through ``adapt(type)`` if it gives one."""
    import pyarrow.types as t

    columns = []
    for column in batch.columns:
        if t.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        values = column.to_pylist()
        adapter = adapt(column.type)
        columns.append(adapter(values) if adapter else values)
    return zip(*columns, strict=True)


def json_text(values: list[Any]) -> list[Any]:
    """Nested values as JSON text."""
    return [None if v is None else json.dumps(v, default=str) for v in values]


def duration_micros(values: list[Any]) -> list[Any]:
    """``timedelta`` values as whole microseconds."""
    return [None if v is None else v // dt.timedelta(microseconds=1) for v in values]
