"""Bulk load of Arrow record batches with ``COPY ... FROM STDIN (FORMAT csv)``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from providers.sql.row_batches import duration_as_micros, nested_as_json

if TYPE_CHECKING:
    import pyarrow as pa


def csv_ready(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Convert columns the CSV writer cannot render as PostgreSQL reads them.

    Binary becomes ``\\x`` hex, nested values JSON, durations ``N microseconds``; other
    types are written by Arrow's CSV writer with every value quoted: a null is an unquoted
    empty field, while ``""`` or ``"\\."`` stay data — as PostgreSQL's CSV format reads them.
    """

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.types as t

    columns = []
    for column in batch.columns:
        kind = column.type
        if t.is_dictionary(kind):
            column = column.cast(kind.value_type)
            kind = column.type
        if t.is_binary(kind) or t.is_large_binary(kind) or t.is_fixed_size_binary(kind):
            column = pa.array(
                [None if v is None else "\\x" + v.hex() for v in column.to_pylist()], pa.string()
            )
        elif t.is_nested(kind):
            column = nested_as_json(column)
        elif t.is_duration(kind):
            micros = pc.cast(duration_as_micros(column), pa.string())
            column = pc.binary_join_element_wise(micros, " microseconds", "")
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def copy_batches(
    cursor: Any, table_sql: str, columns: Sequence[str], batches: Iterable[pa.RecordBatch]
) -> int:
    """Stream ``batches`` into ``table_sql`` (name and ``columns`` already quoted); returns the rows copied.

    Uses psycopg 3's ``cursor.copy``; memory is bounded by one batch.
    """
    import io

    import pyarrow.csv as pacsv

    column_list = ", ".join(columns)
    statement = f"COPY {table_sql} ({column_list}) FROM STDIN (FORMAT csv)"
    options = pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
    rows = 0
    with cursor.copy(statement) as copy:
        for batch in batches:
            if batch.num_rows:
                buffer = io.BytesIO()
                pacsv.write_csv(csv_ready(batch), buffer, options)
                copy.write(buffer.getvalue())
                rows += batch.num_rows
    return rows
