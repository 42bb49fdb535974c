"""The load benchmark's data: a deterministic 10-column CSV written in chunks, and its checksums.

Every chunk is generated with numpy and pyarrow from a seed derived from its position, so the
same row count always gives the same file, and memory is bounded by one chunk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

CHUNK_ROWS = 500_000
SEED = 20261127
REGIONS = ("north", "south", "east", "west", "central", "online")
EPOCH_US = 1_767_225_600_000_000
"""2026-01-01 00:00:00 UTC in microseconds."""
YEAR_US = 365 * 24 * 3600 * 1_000_000

COLUMNS = (
    ("id", "bigint", pa.int64()),
    ("customer_id", "bigint", pa.int64()),
    ("quantity", "bigint", pa.int64()),
    ("price", "double precision", pa.float64()),
    ("weight", "double precision", pa.float64()),
    ("sku", "text", pa.string()),
    ("region", "text", pa.string()),
    ("created_at", "timestamp", pa.timestamp("us")),
    ("shipped_at", "timestamp", pa.timestamp("us")),
    ("is_paid", "boolean", pa.bool_()),
)
"""Name, the PostgreSQL type our sink creates for the Arrow type read from the CSV, Arrow type."""

SCHEMA = pa.schema([(name, arrow_type) for name, _, arrow_type in COLUMNS])


@dataclass(frozen=True)
class Checksum:
    """What a table holding the file's rows must show: row count and two column sums."""

    rows: int
    id_sum: int
    quantity_sum: int

    def __add__(self, other: Checksum) -> Checksum:
        return Checksum(
            self.rows + other.rows, self.id_sum + other.id_sum, self.quantity_sum + other.quantity_sum
        )


def chunk(start: int, rows: int) -> pa.RecordBatch:
    """Rows ``start`` … ``start + rows - 1``; the same arguments always give the same values."""
    rng = np.random.default_rng([SEED, start])
    ids = np.arange(start, start + rows, dtype=np.int64)
    created = EPOCH_US + rng.integers(0, YEAR_US, rows)
    shipped = pa.array(created + rng.integers(3600 * 10**6, 14 * 86400 * 10**6, rows), pa.timestamp("us"))
    not_shipped = pa.array(rng.random(rows) < 0.1)
    sku_numbers = pa.array(rng.integers(0, 100_000, rows))
    columns = [
        pa.array(ids),
        pa.array(rng.integers(1, 200_000, rows)),
        pa.array(rng.integers(1, 50, rows)),
        pa.array(np.round(rng.random(rows) * 1000, 2)),
        pa.array(rng.random(rows) * 25),
        pc.binary_join_element_wise("SKU-", pc.cast(sku_numbers, pa.string()), ""),
        pa.array(REGIONS).take(pa.array(rng.integers(0, len(REGIONS), rows))),
        pa.array(created, pa.timestamp("us")),
        pc.if_else(not_shipped, pa.scalar(None, pa.timestamp("us")), shipped),
        pa.array(rng.random(rows) < 0.7),
    ]
    return pa.RecordBatch.from_arrays(columns, schema=SCHEMA)


def checksum_of(batch: pa.RecordBatch) -> Checksum:
    """The checksum contribution of one chunk."""
    return Checksum(
        batch.num_rows,
        pc.sum(batch.column("id")).as_py() or 0,
        pc.sum(batch.column("quantity")).as_py() or 0,
    )


def write_csv_rows(path: Path, rows: int) -> Checksum:
    """Write ``rows`` rows with a header to ``path``, one chunk at a time."""
    total = Checksum(0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pacsv.CSVWriter(str(path), SCHEMA) as writer:
        for start in range(0, rows, CHUNK_ROWS):
            batch = chunk(start, min(CHUNK_ROWS, rows - start))
            writer.write_batch(batch)
            total += checksum_of(batch)
    return total


def write_csv_bytes(path: Path, target_bytes: int) -> Checksum:
    """Append chunks to ``path`` until it holds at least ``target_bytes`` bytes."""
    total = Checksum(0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pacsv.CSVWriter(str(path), SCHEMA) as writer:
        while path.stat().st_size < target_bytes:
            batch = chunk(total.rows, CHUNK_ROWS)
            writer.write_batch(batch)
            total += checksum_of(batch)
    return total


def create_table_sql(table: str) -> str:
    """DDL of a target table: the types our sink would create for this CSV."""
    columns = ", ".join(f"{name} {sql_type}" for name, sql_type, _ in COLUMNS)
    return f"CREATE TABLE {table} ({columns})"
