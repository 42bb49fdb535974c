"""Bulk writes to MySQL with ``LOAD DATA LOCAL INFILE``: each batch rendered to CSV by Arrow compute.

Every value is quoted and NULL is the bare word ``NULL`` (no escape character), which
is how ``LOAD DATA`` tells a NULL from the string ``'NULL'`` and from ``''``. ``LOCAL``
turns data errors into warnings, so any warning fails the load: nothing is truncated.
"""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING, Any

from providers.sql.dialect import SqlConfigError
from providers.sql.row_batches import duration_as_micros, nested_as_json

if TYPE_CHECKING:
    import pyarrow as pa

#: Server or client refuses local files: fall back to multi-row INSERT.
LOCAL_INFILE_REFUSED = (1148, 2068, 3948, 4166)


def _field_bytes(column: pa.Array) -> pa.Array:
    """One column as CSV fields: ``"value"`` with quotes doubled, or ``NULL``."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.types as t

    kind = column.type
    if t.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if t.is_boolean(kind):
        column = column.cast(pa.int8())
    elif t.is_duration(kind):
        column = duration_as_micros(column)
    elif t.is_nested(kind):
        column = nested_as_json(column)
    elif t.is_timestamp(kind) and kind.tz:
        column = column.cast(pa.timestamp(kind.unit))
    if not (t.is_binary(column.type) or t.is_large_binary(column.type)):
        column = column.cast(pa.string())
    text = column.cast(pa.large_binary())
    quoted = pc.binary_join_element_wise(
        pa.scalar(b'"', pa.large_binary()),
        pc.replace_substring(text, b'"', b'""'),
        pa.scalar(b'"', pa.large_binary()),
        pa.scalar(b"", pa.large_binary()),
    )
    return pc.fill_null(quoted, pa.scalar(b"NULL", pa.large_binary()))


def batch_csv(batch: pa.RecordBatch) -> memoryview:
    """The batch as ``LOAD DATA`` CSV lines."""
    import pyarrow as pa
    import pyarrow.compute as pc

    fields = [_field_bytes(column) for column in batch.columns]
    comma, newline = pa.scalar(b",", pa.large_binary()), pa.scalar(b"\n", pa.large_binary())
    rows = pc.binary_join_element_wise(*fields, comma) if len(fields) > 1 else fields[0]
    lines = pc.binary_join_element_wise(rows, pa.scalar(b"", pa.large_binary()), newline)
    _validity, offsets, data = lines.buffers()
    bounds = memoryview(offsets).cast("q")
    return memoryview(data)[bounds[lines.offset] : bounds[lines.offset + len(lines)]]


def load_data_statement(table_sql: str, column_list: str) -> str:
    """``LOAD DATA LOCAL INFILE`` for the CSV that :func:`batch_csv` writes."""
    return (
        f"LOAD DATA LOCAL INFILE %s INTO TABLE {table_sql} CHARACTER SET utf8mb4 "
        "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' "
        f"LINES TERMINATED BY '\\n' ({column_list})"
    )


def load_batch(cursor: Any, statement: str, batch: pa.RecordBatch, table: str) -> None:
    """Send one batch through a temporary file; a warning (truncation, bad value) is an error."""
    handle, path = tempfile.mkstemp(prefix="aggregator_load_", suffix=".csv")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(batch_csv(batch))
        cursor.execute(statement, [path])
    finally:
        os.unlink(path)
    if cursor.warning_count or cursor.rowcount != batch.num_rows:
        cursor.execute("SHOW WARNINGS LIMIT 3")
        details = "; ".join(f"{message}" for _level, _code, message in cursor.fetchall())
        raise SqlConfigError(
            f"{table} did not take {batch.num_rows} rows as written "
            f"({cursor.rowcount} loaded): {details or 'no detail from the server'}"
        )


def is_refused(error: BaseException) -> bool:
    """Whether ``error`` says local files are disabled (server or client)."""
    code = error.args[0] if error.args and isinstance(error.args[0], int) else None
    return code in LOCAL_INFILE_REFUSED
