"""PostgreSQL loads use binary COPY where the column types allow it, CSV otherwise: same rows."""

import datetime as dt
from decimal import Decimal

import pyarrow as pa
import pytest

from providers.sql.postgres_binary_copy import binary_schema

pytest_plugins = ["sql_fixtures"]

UTC = dt.UTC


def write(pg, table: str, ddl: str, batch: pa.RecordBatch) -> int:
    """Create ``table`` with ``ddl`` columns and write ``batch`` through the dialect, as a load does."""
    from providers.sql.connection import open_database

    pg.execute(f'CREATE TABLE "{pg.schema}"."{table}" ({ddl})')
    db = open_database("sqltest", bulk_load=True)
    try:
        cursor = db.connection.cursor()
        types = db.dialect.table_columns(cursor, pg.schema, table)
        rows = db.dialect.write_batches(
            cursor, db.dialect.qualified(pg.schema, table), list(types), [batch], column_types=types
        )
        db.connection.commit()
        return rows
    finally:
        db.close()


def test_every_binary_type_lands_as_csv_would(pg):
    batch = pa.record_batch(
        {
            "small": pa.array([1, None, -3], pa.int8()),
            "whole": pa.array([2**40, 5, None], pa.int64()),
            "narrow": pa.array([7, 8, 9], pa.int64()),
            "ratio": pa.array([1, None, 3], pa.int32()),
            "flag": [True, None, False],
            "label": pa.array(["a", "", None]).dictionary_encode(),
            "blob": pa.array([b"\x00\x01", None, b""], pa.binary()),
            "day": pa.array([dt.date(2026, 1, 31), None, dt.date(1999, 12, 31)], pa.date32()),
            "at": pa.array([1_700_000_000_123_456_789, None, 0], pa.timestamp("ns")),
            "at_utc": pa.array(
                [dt.datetime(2026, 3, 1, 12, 30, tzinfo=UTC), None, None], pa.timestamp("us", "UTC")
            ),
            "nothing": pa.nulls(3),
        }
    )
    ddl = (
        "small smallint, whole bigint, narrow integer, ratio double precision, flag boolean, label text, "
        "blob bytea, day date, at timestamp, at_utc timestamptz, nothing text"
    )
    types = dict(zip(batch.schema.names, [part.split(" ", 1)[1] for part in ddl.split(", ")], strict=True))
    types |= {"at": "timestamp without time zone", "at_utc": "timestamp with time zone"}
    assert binary_schema(batch.schema, types) is not None
    assert write(pg, "typed", ddl, batch) == 3
    by_small = {row[0]: row for row in pg.table("typed")}
    assert by_small[1] == (
        1, 2**40, 7, 1.0, True, "a", b"\x00\x01", dt.date(2026, 1, 31),
        dt.datetime(2023, 11, 14, 22, 13, 20, 123456), dt.datetime(2026, 3, 1, 12, 30, tzinfo=UTC), None,
    )  # fmt: skip
    assert by_small[None][1:6] == (5, 8, None, None, "")
    assert by_small[-3][1:9] == (
        None, 9, 3.0, False, None, b"", dt.date(1999, 12, 31), dt.datetime(1970, 1, 1),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("ddl", "data", "stored"),
    [
        ("amount numeric(10,2)", pa.array([1.5, None]), [(Decimal("1.50"),), (None,)]),
        ("code bigint", pa.array(["12", None]), [(12,), (None,)]),
        ("payload jsonb", pa.array([[1, 2], None], pa.list_(pa.int64())), [([1, 2],), (None,)]),
    ],
    ids=["numeric-column", "text-into-bigint", "list-into-jsonb"],
)
def test_columns_binary_cannot_carry_go_as_csv(pg, ddl, data, stored):
    name = ddl.split(" ", 1)[0]
    batch = pa.record_batch({name: data})
    assert binary_schema(batch.schema, {name: ddl.split(" ", 1)[1]}) is None
    assert write(pg, "fallback", ddl, batch) == 2
    assert pg.table("fallback", order=f"{name} NULLS LAST") == stored


def test_a_bigint_value_too_large_for_an_integer_column_is_an_error(pg):
    with pytest.raises(pa.ArrowInvalid, match=r"out of bounds|not in range"):
        write(pg, "narrow", "n integer", pa.record_batch({"n": pa.array([2**40], pa.int64())}))
