"""Partitioned reads: split a table by ranges of one column and read the ranges side by side."""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

import datetime as dt
import itertools
import queue
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from providers.sql.dialect import SqlConfigError
from providers.sql.extract import ExtractQuery, RowRange

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.sql.connection import Database

_DONE = object()


def split_ranges(low: Any, high: Any, column: str, count: int) -> list[RowRange]:
    """``count`` ranges of equal width over ``[low, high]``; the outer ones are open, the last takes NULLs.

    Open outer ranges keep rows written after the bounds were read; only ``count`` ranges
    of equal width are possible for numbers, dates and timestamps.
    """
    if low is None or high is None:
        return [RowRange(column, include_null=True)]
    if isinstance(low, bool) or not isinstance(low, int | float | Decimal | dt.date):
        raise SqlConfigError(
            f"partition column {column!r} holds {type(low).__name__} values; "
            "use a number, date or timestamp column"
        )
    width = (high - low) / count
    if isinstance(low, int):
        width = max(1, -(-(high - low) // count))
    elif isinstance(low, dt.date) and not isinstance(low, dt.datetime):
        width = dt.timedelta(days=max(1, -(-(high - low).days // count)))
    bounds = [low + width * i for i in range(1, count)]
    bounds = [b for i, b in enumerate(bounds) if b <= high and (i == 0 or b != bounds[i - 1])]
    edges = [None, *bounds, None]
    return [
        RowRange(column, start, end, include_null=end is None) for start, end in itertools.pairwise(edges)
    ]


def column_bounds(db: Database, extract: ExtractQuery, column: str) -> tuple[Any, Any]:
    """``min`` and ``max`` of ``column`` over the extract's source."""
    quoted = db.dialect.quote_ident(column)
    cursor = db.connection.cursor()
    try:
        statement = f"SELECT min({quoted}), max({quoted}) FROM {extract.source_sql(db.dialect)}"
        cursor.execute(statement, dict(extract.parameters))
        low, high = cursor.fetchone()
    finally:
        cursor.close()
        db.connection.rollback()
    return low, high


def read_partitions(
    open_db: Callable[[], Database],
    extract: ExtractQuery,
    lower_bound: Any,
    ranges: list[RowRange],
    *,
    batch_rows: int,
    parallelism: int,
    on_batch: Callable[[pa.RecordBatch], None] | None,
    log: Any,
) -> pa.RecordBatchReader:
    """Stream every range, ``parallelism`` at a time, each on its own connection.

    Batches arrive in the order they are read; at most twice ``parallelism`` wait in memory.
    """
    import pyarrow as pa

    from providers.sql.extract import stream_extract

    def open_range(row_range: RowRange, db: Database | None = None) -> pa.RecordBatchReader:
        return stream_extract(db or open_db(), extract, lower_bound=lower_bound, row_range=row_range,
                              batch_rows=batch_rows)  # fmt: skip

    first_db = open_db()
    if not first_db.dialect.parallel_reads:
        parallelism = 1
    first = open_range(ranges[0], first_db)
    schema = first.schema
    log.info("Reading %d ranges of %s, %d at a time", len(ranges), ranges[0].column, parallelism)
    readers: list[Callable[[], pa.RecordBatchReader]] = [lambda: first]
    readers += [lambda r=r: open_range(r) for r in ranges[1:]]
    batches = _interleave(readers, parallelism, schema)

    def observed() -> Iterator[pa.RecordBatch]:
        for batch in batches:
            if on_batch:
                on_batch(batch)
            yield batch

    return pa.RecordBatchReader.from_batches(schema, observed())


def _interleave(
    readers: list[Callable[[], pa.RecordBatchReader]], parallelism: int, schema: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """Read the readers on ``parallelism`` threads into one bounded queue (one: in this thread)."""
    if parallelism == 1:
        for make in readers:
            for batch in make():
                yield batch.cast(schema) if batch.schema != schema else batch
        return
    pending: queue.Queue[Callable[[], pa.RecordBatchReader]] = queue.Queue()
    for reader in readers:
        pending.put(reader)
    results: queue.Queue[Any] = queue.Queue(maxsize=2 * parallelism)
    stop = threading.Event()

    def work() -> None:
        try:
            while not stop.is_set():
                try:
                    make = pending.get_nowait()
                except queue.Empty:
                    return
                for batch in make():
                    if stop.is_set():
                        return
                    results.put(batch.cast(schema) if batch.schema != schema else batch)
        except BaseException as error:  # handed to the consumer, which raises it
            results.put(error)
        finally:
            results.put(_DONE)

    workers = [
        threading.Thread(target=work, daemon=True) for _ in range(max(1, min(parallelism, len(readers))))
    ]
    for worker in workers:
        worker.start()
    running = len(workers)
    try:
        while running:
            item = results.get()
            if item is _DONE:
                running -= 1
            elif isinstance(item, BaseException):
                raise item
            else:
                yield item
    finally:
        stop.set()
        while any(w.is_alive() for w in workers):
            try:
                results.get(timeout=0.1)
            except queue.Empty:
                pass
