"""The transform benchmark's data: a 10-column fact table and a 100,000-row dimension, as Parquet.

Every chunk is generated with numpy and pyarrow from a seed derived from its position, so the
same row count always gives the same files, and memory is bounded by one chunk.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

CHUNK_ROWS = 500_000
SEED = 20261127
REGIONS = ("north", "south", "east", "west", "central", "online")
SEGMENTS = ("retail", "wholesale", "online", "partner")
COUNTRIES = ("DE", "FR", "NL", "ES", "IT", "PL", "SE")
EPOCH_US = 1_767_225_600_000_000
"""2026-01-01 00:00:00 UTC in microseconds."""
YEAR_US = 365 * 24 * 3600 * 1_000_000
DIMENSION_ROWS = 100_000
CUSTOMER_KEYS = 110_000
"""Fact keys are drawn from 1 … this; the dimension holds 1 … ``DIMENSION_ROWS``, about 91% of them."""
NULL_SHARE = 0.1
"""Share of nulls in ``discount`` and ``amount_text``."""

FACT_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("customer_id", pa.int64()),
        ("quantity", pa.int64()),
        ("price", pa.float64()),
        ("discount", pa.float64()),
        ("sku", pa.string()),
        ("region", pa.string()),
        ("created_at", pa.timestamp("us")),
        ("is_paid", pa.bool_()),
        ("amount_text", pa.string()),
    ]
)
DIMENSION_SCHEMA = pa.schema(
    [
        ("customer_id", pa.int64()),
        ("segment", pa.string()),
        ("country", pa.string()),
        ("credit_limit", pa.float64()),
    ]
)


def fact_chunk(start: int, rows: int) -> pa.RecordBatch:
    """Rows ``start`` … ``start + rows - 1``; the same arguments always give the same values."""
    rng = np.random.default_rng([SEED, start])
    no_discount = pa.array(rng.random(rows) < NULL_SHARE)
    no_amount = pa.array(rng.random(rows) < NULL_SHARE)
    discount = pa.array(np.round(rng.random(rows) * 0.5, 3))
    amounts = pc.cast(pa.array(np.round(rng.random(rows) * 10_000, 2)), pa.string())
    sku_numbers = pa.array(rng.integers(0, 100_000, rows))
    columns = [
        pa.array(np.arange(start, start + rows, dtype=np.int64)),
        pa.array(rng.integers(1, CUSTOMER_KEYS + 1, rows)),
        pa.array(rng.integers(1, 50, rows)),
        pa.array(np.round(rng.random(rows) * 1000, 2)),
        pc.if_else(no_discount, pa.scalar(None, pa.float64()), discount),
        pc.binary_join_element_wise("SKU-", pc.cast(sku_numbers, pa.string()), ""),
        pa.array(REGIONS).take(pa.array(rng.integers(0, len(REGIONS), rows))),
        pa.array(EPOCH_US + rng.integers(0, YEAR_US, rows), pa.timestamp("us")),
        pa.array(rng.random(rows) < 0.7),
        pc.if_else(no_amount, pa.scalar(None, pa.string()), amounts),
    ]
    return pa.RecordBatch.from_arrays(columns, schema=FACT_SCHEMA)


def write_fact(path: Path, rows: int) -> None:
    """Write ``rows`` fact rows to a Parquet file (snappy, one row group per chunk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(str(path), FACT_SCHEMA) as writer:
        for start in range(0, rows, CHUNK_ROWS):
            writer.write_batch(fact_chunk(start, min(CHUNK_ROWS, rows - start)))


def write_dimension(path: Path) -> None:
    """Write the customer dimension: keys 1 … ``DIMENSION_ROWS``, each once."""
    # A three-part seed never equals a fact chunk's two-part one.
    rng = np.random.default_rng([SEED, 0, 1])
    rows = DIMENSION_ROWS
    table = pa.Table.from_arrays(
        [
            pa.array(np.arange(1, rows + 1, dtype=np.int64)),
            pa.array(SEGMENTS).take(pa.array(rng.integers(0, len(SEGMENTS), rows))),
            pa.array(COUNTRIES).take(pa.array(rng.integers(0, len(COUNTRIES), rows))),
            pa.array(np.round(rng.random(rows) * 50_000, 2)),
        ],
        schema=DIMENSION_SCHEMA,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, str(path))
