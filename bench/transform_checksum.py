"""Order-independent checksums of a Parquet output, to check that every contender computed the same.

Each column gives its non-null count and one sum: numbers their sum, booleans their trues,
timestamps their microseconds, text its characters. Types may differ between contenders
(pandas writes ``int32`` months and nanosecond timestamps) as long as the values agree.
"""

from __future__ import annotations

import math
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from load_measure import LoadBenchmarkError

RELATIVE_TOLERANCE = 1e-9
"""Float sums are added in another order by each contender."""
BATCH_ROWS = 1_000_000


def checksum(path: Path) -> dict[str, float | int]:
    """``rows``, and per column ``<name>:count`` and ``<name>:sum``, read batch by batch."""
    totals: dict[str, float | int] = {"rows": 0}
    for batch in pq.ParquetFile(str(path)).iter_batches(batch_size=BATCH_ROWS):
        totals["rows"] += batch.num_rows
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            count, total = _column_sums(column)
            totals[f"{name}:count"] = totals.get(f"{name}:count", 0) + count
            totals[f"{name}:sum"] = totals.get(f"{name}:sum", 0) + total
    return totals


def _column_sums(column: pa.Array) -> tuple[int, float | int]:
    data_type = column.type
    if pa.types.is_timestamp(data_type):
        column = pc.cast(pc.cast(column, pa.timestamp("us")), pa.int64())
    elif pa.types.is_boolean(data_type):
        column = pc.cast(column, pa.int64())
    elif pa.types.is_string(data_type) or pa.types.is_large_string(data_type):
        column = pc.utf8_length(column)
    elif pa.types.is_integer(data_type):
        column = pc.cast(column, pa.int64())
    total = pc.sum(column).as_py()
    return len(column) - column.null_count, total or 0


def require_agreement(expected: dict[str, float | int], found: dict[str, float | int], what: str) -> None:
    """Raise unless ``found`` has the same columns and counts as ``expected`` and sums within tolerance."""
    if set(found) != set(expected):
        missing, extra = sorted(set(expected) - set(found)), sorted(set(found) - set(expected))
        raise LoadBenchmarkError(f"{what}: columns differ: missing {missing}, unexpected {extra}")
    for key, value in expected.items():
        other = found[key]
        agrees = (
            math.isclose(value, other, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-6)
            if isinstance(value, float) or isinstance(other, float)
            else value == other
        )
        if not agrees:
            raise LoadBenchmarkError(f"{what}: {key} is {other}, expected {value}")
