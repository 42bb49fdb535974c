"""``sink.sql`` against real databases: modes on each; PostgreSQL types, evolution and identifiers."""

import datetime as dt
from decimal import Decimal

import pyarrow as pa
import pytest
from sql_helpers import sink

pytest_plugins = ["sql_fixtures"]


def orders(ids, amount=1.0, day="2024-01-01"):
    return pa.table(
        {
            "id": pa.array(ids, pa.int64()),
            "amount": [float(amount) + i for i in ids],
            "day": pa.array([dt.date.fromisoformat(day)] * len(ids), pa.date32()),
        }
    )


def test_append_creates_the_table_and_adds_rows_per_run(db, stage):
    assert sink(stage(orders([1, 2])), schema=db.schema, table="orders")["rows_written"] == 2
    sink(stage(orders([3])), run_id="run_2", schema=db.schema, table="orders")
    assert [row[0] for row in db.table("orders")] == [1, 2, 3]


def test_replace_keeps_only_the_latest_load(db, stage):
    sink(stage(orders([1, 2, 3])), schema=db.schema, table="orders", mode="replace")
    sink(stage(orders([7, 8])), run_id="run_2", schema=db.schema, table="orders", mode="replace")
    assert [row[0] for row in db.table("orders")] == [7, 8]


def test_merge_updates_matching_keys_and_inserts_new_ones(db, stage):
    sink(stage(orders([1, 2], amount=10)), schema=db.schema, table="orders", mode="merge", keys=["id"])
    metrics = sink(
        stage(orders([2, 3], amount=100)),
        run_id="run_2",
        schema=db.schema,
        table="orders",
        mode="merge",
        keys=["id"],
    )
    assert metrics["rows_merged"] == 2
    assert [(r[0], r[1]) for r in db.table("orders")] == [(1, 11.0), (2, 102.0), (3, 103.0)]


def test_merge_rejects_repeated_keys_in_the_input(db, stage):
    with pytest.raises(RuntimeError, match=r"node 'load' \(sink.sql\): merge keys \['id'\] repeat"):
        sink(stage(orders([1, 1])), schema=db.schema, table="orders", mode="merge", keys=["id"])


def test_delete_insert_replaces_only_the_partition_of_the_interval(db, stage):
    day1, day2 = orders([1, 2], day="2024-01-01"), orders([3], day="2024-01-02")
    partition = {"column": "day", "start": "2024-01-01", "end": "2024-01-02"}
    sink(stage(day1), schema=db.schema, table="orders", mode="delete_insert", partition=partition)
    partition2 = {"column": "day", "start": "2024-01-02", "end": "2024-01-03"}
    sink(
        stage(day2),
        run_id="run_2",
        schema=db.schema,
        table="orders",
        mode="delete_insert",
        partition=partition2,
    )
    sink(stage(orders([9], day="2024-01-01")), run_id="run_3", schema=db.schema, table="orders",
         mode="delete_insert", partition=partition)  # fmt: skip
    assert [row[0] for row in db.table("orders")] == [3, 9]


def test_delete_insert_partition_defaults_to_the_data_interval(db, stage):
    start, end = dt.datetime(2024, 1, 1, tzinfo=dt.UTC), dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
    interval = {"data_interval_start": start, "data_interval_end": end}
    options = {
        "schema": db.schema,
        "table": "orders",
        "mode": "delete_insert",
        "partition": {"column": "day"},
    }
    sink(stage(orders([1, 2])), context=interval, **options)
    sink(stage(orders([5])), run_id="run_2", context=interval, **options)
    assert [row[0] for row in db.table("orders")] == [5]
    with pytest.raises(RuntimeError, match=r"needs partition start and end .this run has no data interval"):
        sink(stage(orders([6])), run_id="run_3", **options)


def test_delete_insert_rejects_rows_outside_the_partition(db, stage):
    partition = {"column": "day", "start": "2024-01-02", "end": "2024-01-03"}
    with pytest.raises(RuntimeError, match=r"1 input row.s. have 'day' outside the partition"):
        sink(stage(orders([1])), schema=db.schema, table="orders", mode="delete_insert", partition=partition)


def test_identifiers_with_spaces_quotes_and_uppercase_are_quoted(pg, stage):
    schema = 'Odd "Schema" ' + pg.schema[-8:]
    pg.execute(f'CREATE SCHEMA "{schema.replace(chr(34), chr(34) * 2)}"')
    try:
        data = pa.table({"Order ID": [1, 2], 'say "hi"': ["a", ""], "Amount": [None, 2.5]})
        sink(stage(data), schema=schema, table="My Orders", mode="merge", keys=["Order ID"])
        sink(stage(data), run_id="run_2", schema=schema, table="My Orders", mode="merge", keys=["Order ID"])
        rows = pg.execute(f'SELECT * FROM "{schema.replace(chr(34), chr(34) * 2)}"."My Orders" ORDER BY 1')
        assert rows == [(1, "a", None), (2, "", 2.5)]
    finally:
        pg.execute(f'DROP SCHEMA "{schema.replace(chr(34), chr(34) * 2)}" CASCADE')


def test_arrow_types_land_in_matching_postgres_types(pg, stage):
    data = pa.table(
        {
            "flag": [True, None],
            "small": pa.array([1, 2], pa.int16()),
            "price": pa.array([Decimal("1.25"), None], pa.decimal128(10, 2)),
            "at": pa.array([dt.datetime(2024, 1, 1, 12, 30, tzinfo=dt.UTC), None], pa.timestamp("us", "UTC")),
            "raw": pa.array([b"\x00\xff", None], pa.binary()),
            "tags": pa.array([["a", "b"], None], pa.list_(pa.string())),
            "wait": pa.array([dt.timedelta(seconds=90), None], pa.duration("s")),
            "text": ['multi\nline, "quoted"', None],
        }
    )
    sink(stage(data), schema=pg.schema, table="typed")
    types = dict(pg.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = %s", [pg.schema]
    ))  # fmt: skip
    assert types["price"] == "numeric" and types["at"] == "timestamp with time zone"
    assert types["tags"] == "jsonb" and types["raw"] == "bytea" and types["wait"] == "interval"
    first, second = pg.table("typed", order="small")
    assert first == (
        True, 1, Decimal("1.25"), dt.datetime(2024, 1, 1, 12, 30, tzinfo=dt.UTC), b"\x00\xff", ["a", "b"],
        dt.timedelta(seconds=90), 'multi\nline, "quoted"',
    )  # fmt: skip
    assert second == (None, 2, None, None, None, None, None, None)


def test_new_input_column_is_an_error_unless_evolve_adds_it(pg, stage):
    sink(stage(orders([1])), schema=pg.schema, table="orders")
    wider = orders([2]).append_column("note", pa.array(["x"]))
    with pytest.raises(RuntimeError, match=r"new column 'note' that table t_.*orders lacks; set evolve"):
        sink(stage(wider), run_id="run_2", schema=pg.schema, table="orders")
    sink(stage(wider), run_id="run_2", schema=pg.schema, table="orders", evolve="add_columns")
    assert pg.table("orders") == [(1, 2.0, dt.date(2024, 1, 1), None), (2, 3.0, dt.date(2024, 1, 1), "x")]


def test_removed_or_retyped_column_is_an_error_naming_table_and_column(pg, stage):
    sink(stage(orders([1])), schema=pg.schema, table="orders")
    with pytest.raises(RuntimeError, match=r"table t_\w+\.orders has column\(s\) 'day' that the input lacks"):
        sink(stage(orders([2]).drop_columns(["day"])), run_id="run_2", schema=pg.schema, table="orders")
    retyped = orders([2]).set_column(1, "amount", pa.array(["lots"]))
    with pytest.raises(
        RuntimeError,
        match=r"column 'amount' of table t_\w+\.orders is double precision but the input has string",
    ):
        sink(stage(retyped), run_id="run_3", schema=pg.schema, table="orders")
    assert len(pg.table("orders")) == 1


def test_create_never_fails_on_a_missing_table(pg, stage):
    with pytest.raises(
        RuntimeError,
        match=r"node 'load' \(sink.sql\): table t_\w+\.nope does not exist and create is 'never'",
    ):
        sink(stage(orders([1])), schema=pg.schema, table="nope", create="never")


def test_wrong_credentials_fail_naming_the_node_and_cause(pg, stage, monkeypatch):
    monkeypatch.setenv(
        "AIRFLOW_CONN_SQLTEST", "postgresql://nobody:wrong@127.0.0.1:5432/aggregator_sql_tests"
    )
    with pytest.raises(RuntimeError, match=r"node 'load' \(sink.sql\): .*(nobody|authentication|password)"):
        sink(stage(orders([1])), schema=pg.schema, table="orders")


def test_same_run_loaded_twice_is_applied_once(pg, stage):
    staged = stage(orders([1, 2]))
    assert sink(staged, schema=pg.schema, table="orders")["applied"] is True
    again = sink(staged, schema=pg.schema, table="orders")
    assert again["applied"] is False and again["rows_applied_before"] == 2
    assert len(pg.table("orders")) == 2


def test_text_that_looks_like_csv_markers_lands_verbatim(pg, stage):
    values = ["\\.", "", " ", "\\N", "NULL", '"', "a,b\r\nc", None]
    sink(stage(pa.table({"n": list(range(len(values))), "v": values})), schema=pg.schema, table="texts")
    assert [row[1] for row in pg.table("texts")] == values
