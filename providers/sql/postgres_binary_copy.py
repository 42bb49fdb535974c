"""Bulk load in PostgreSQL's binary ``COPY`` format, encoded from Arrow by ``pgpq``.

The server reads binary values without parsing text, which makes the load several times
cheaper for it than CSV. Binary values must match the column's type exactly, so the format
is used only when every target column has a type listed here and every input column is of a
kind that converts to it without reinterpretation (a number to a number, text to text...);
any other load uses CSV (``postgres_copy``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

def _binary_types() -> dict[str, tuple[pa.DataType, frozenset[str]]]:
    """PostgreSQL column type (``format_type``) → (Arrow type sent, input kinds converted to it)."""
    import pyarrow as pa

    numbers = frozenset({"int", "float"})
    return {
        "smallint": (pa.int16(), frozenset({"int"})),
        "integer": (pa.int32(), frozenset({"int"})),
        "bigint": (pa.int64(), frozenset({"int"})),
        "real": (pa.float32(), numbers),
        "double precision": (pa.float64(), numbers),
        "boolean": (pa.bool_(), frozenset({"bool"})),
        "text": (pa.string(), frozenset({"string"})),
        "bytea": (pa.binary(), frozenset({"binary"})),
        "date": (pa.date32(), frozenset({"date"})),
        "timestamp without time zone": (pa.timestamp("us"), frozenset({"timestamp"})),
        "timestamp with time zone": (pa.timestamp("us", tz="UTC"), frozenset({"timestamp"})),
    }


def binary_schema(schema: pa.Schema, column_types: Mapping[str, str]) -> pa.Schema | None:
    """The Arrow schema to send for a binary ``COPY`` into columns of ``column_types``, or None
    when some column needs CSV."""
    import pyarrow as pa

    from providers.expressions.value_types import kind_of

    types = _binary_types()
    fields = []
    for field in schema:
        entry = types.get(column_types.get(field.name) or "")
        kind = kind_of(field.type)
        if entry is None or (kind != "null" and kind not in entry[1]):
            return None
        fields.append(pa.field(field.name, entry[0]))
    return pa.schema(fields)


def copy_binary(
    cursor: Any,
    table_sql: str,
    columns: Sequence[str],
    schema: pa.Schema,
    batches: Iterable[pa.RecordBatch],
) -> int:
    """Stream ``batches`` into ``table_sql`` as binary ``COPY``, each cast to ``schema`` first
    (a :func:`binary_schema`); returns the rows copied. Memory is bounded by one batch."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pgpq import ArrowToPostgresBinaryEncoder

    encoder = ArrowToPostgresBinaryEncoder(schema)
    statement = f"COPY {table_sql} ({', '.join(columns)}) FROM STDIN (FORMAT binary)"
    rows = 0
    with cursor.copy(statement) as copy:
        copy.write(encoder.write_header())
        for batch in batches:
            if batch.num_rows:
                arrays = [_converted(part, field.type, pc) for part, field in zip(batch, schema, strict=True)]
                copy.write(encoder.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema)))
                rows += batch.num_rows
        copy.write(encoder.finish())
    return rows


def _converted(column: pa.Array, target: pa.DataType, pc: Any) -> pa.Array:
    """``column`` as ``target``; a cast that would change a value fails, except that finer
    timestamps are cut to the microseconds PostgreSQL keeps."""
    import pyarrow.types as t

    if column.type == target:
        return column
    return pc.cast(column, target, safe=not (t.is_timestamp(column.type) and t.is_timestamp(target)))
