"""Read the head of a stream of record batches, within a row, byte and time budget."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pyarrow as pa

#: Which cap cut a sample short.
Limit = Literal["rows", "bytes", "seconds"]


@dataclass(frozen=True)
class SampleLimits:
    """How much of a stream a sample may hold.

    :param rows: Most rows kept.
    :param max_bytes: Most bytes kept (Arrow in-memory size).
    :param deadline: ``time.monotonic()`` value after which no further batch is read.
    :param seconds: The time budget ``deadline`` was set from, for messages.
    """

    rows: int
    max_bytes: int
    deadline: float
    seconds: float

    def expired(self) -> bool:
        """Whether the time budget is spent."""
        return time.monotonic() >= self.deadline


@dataclass(frozen=True)
class CapturedSample:
    """The head of a stream.

    :param table: The rows kept.
    :param limit: The cap that cut the stream short, or ``None`` if the stream ended first.
    """

    table: pa.Table
    limit: Limit | None

    @property
    def truncated(self) -> bool:
        """Whether the stream had more rows than were kept."""
        return self.limit is not None


def capture_sample(reader: pa.RecordBatchReader, limits: SampleLimits) -> CapturedSample:
    """Take batches from ``reader`` until a cap is reached, then close it without draining it.

    One row more than ``limits.rows`` is read when available, so a stream of exactly
    ``limits.rows`` rows is not reported as truncated. Time is checked between batches: a
    batch that takes long to produce is waited for.
    """
    import pyarrow as pa

    schema = reader.schema
    batches: list[pa.RecordBatch] = []
    rows = size = 0
    limit: Limit | None = None
    try:
        while True:
            if limits.expired():
                limit = "seconds"
                break
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            keep = _rows_within_bytes(batch, limits.max_bytes - size)
            batches.append(batch.slice(0, keep))
            rows += keep
            size += batches[-1].nbytes
            if keep < batch.num_rows:
                limit = "bytes"
                break
            if rows > limits.rows:
                limit = "rows"
                break
    finally:
        reader.close()
    table = pa.Table.from_batches(batches, schema).slice(0, limits.rows)
    if limit is None and rows > limits.rows:
        limit = "rows"
    return CapturedSample(table.combine_chunks(), limit)


def _rows_within_bytes(batch: pa.RecordBatch, room: int) -> int:
    """How many leading rows of ``batch`` fit in ``room`` bytes (rows assumed of equal size)."""
    if batch.nbytes <= room:
        return batch.num_rows
    per_row = batch.nbytes / max(batch.num_rows, 1)
    return max(int(room // per_row), 0) if per_row else batch.num_rows
