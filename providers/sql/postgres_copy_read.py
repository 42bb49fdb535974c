"""Streaming reads from PostgreSQL with ``COPY (query) TO STDOUT (FORMAT csv)``, parsed by Arrow.

Arrow's CSV reader parses PostgreSQL's text output at C speed, several times faster than
building batches from Python tuples. Types Arrow cannot parse from that text are
rewritten in the query (``interval`` → microseconds) or converted after parsing
(``bytea`` hex). The result's types come from the query's description before the copy.
"""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

BYTEA_OID = 17
INTERVAL_OID = 1186
_SESSION = (
    "SET LOCAL TimeZone = 'UTC'",
    "SET LOCAL DateStyle = 'ISO, YMD'",
    "SET LOCAL extra_float_digits = 3",
    "SET LOCAL bytea_output = 'hex'",
)


class _CopyStream(io.RawIOBase):
    """The chunks of a running ``COPY ... TO STDOUT`` as a readable binary file."""

    def __init__(self, chunks: Iterator[memoryview]) -> None:
        self._chunks = chunks
        self._pending = bytearray()

    def readable(self) -> bool:
        return True

    def empty(self) -> bool:
        """Whether the copy produced no data at all (Arrow refuses an empty CSV)."""
        if not self._pending:
            chunk = next(self._chunks, None)
            if chunk is not None:
                self._pending += chunk
        return not self._pending

    def readinto(self, buffer: Any) -> int:
        wanted = len(buffer)
        while len(self._pending) < wanted:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._pending += chunk
        size = min(wanted, len(self._pending))
        buffer[:size] = self._pending[:size]
        del self._pending[:size]
        return size


def copy_stream(
    cursor: Any, statement: str, params: dict[str, Any], schema: pa.Schema, oids: list[int], batch_rows: int
) -> Iterator[pa.RecordBatch]:
    """The rows of ``statement`` as batches of ``schema`` (``oids``: the result's PostgreSQL types)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from providers.sql.postgres_dialect import PostgresDialect

    quote = PostgresDialect().quote_ident
    selected = ", ".join(
        f"(extract(epoch from q.{quote(f.name)}) * 1000000)::bigint"
        if oid == INTERVAL_OID
        else f"q.{quote(f.name)}"
        for f, oid in zip(schema, oids, strict=True)
    )
    parse_types = {
        f.name: pa.string() if oid == BYTEA_OID else pa.int64() if oid == INTERVAL_OID else f.type
        for f, oid in zip(schema, oids, strict=True)
    }
    names = [f"c{i}" for i in range(len(schema))]  # result names may repeat; Arrow's must not
    for setting in _SESSION:
        cursor.execute(setting)
    copy_sql = f"COPY (SELECT {selected} FROM ({statement}) AS q) TO STDOUT (FORMAT csv)"
    if not params:
        # psycopg merges COPY parameters only when there are some; do what merging does to %%
        copy_sql = copy_sql.replace("%%", "%")
    with cursor.copy(copy_sql, params or None) as copy:
        stream = _CopyStream(iter(copy))
        if stream.empty():
            return
        reader = pacsv.open_csv(
            io.BufferedReader(stream, buffer_size=1 << 20),
            read_options=pacsv.ReadOptions(column_names=names, block_size=max(1 << 20, batch_rows * 64)),
            convert_options=pacsv.ConvertOptions(
                column_types={n: parse_types[f.name] for n, f in zip(names, schema, strict=True)},
                true_values=["t"],
                false_values=["f"],
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )
        for parsed in reader:
            yield from _rebatched(_as_schema(parsed, schema, oids), batch_rows)


def _as_schema(batch: pa.RecordBatch, schema: pa.Schema, oids: list[int]) -> pa.RecordBatch:
    """Convert the columns parsed as stand-ins (hex text, microseconds) and name them."""
    import pyarrow as pa

    columns = []
    for column, oid in zip(batch.columns, oids, strict=True):
        if oid == BYTEA_OID:
            column = pa.array(
                [None if v is None else bytes.fromhex(v[2:]) for v in column.to_pylist()], pa.binary()
            )
        elif oid == INTERVAL_OID:
            column = column.cast(pa.duration("us"))
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def _rebatched(batch: pa.RecordBatch, batch_rows: int) -> Iterator[pa.RecordBatch]:
    for start in range(0, batch.num_rows, batch_rows):
        yield batch.slice(start, batch_rows)
