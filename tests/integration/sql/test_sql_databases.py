"""The SQL node types on every database: round trips, queries, incremental and partitioned reads, errors."""

import datetime as dt
import json
from decimal import Decimal

import pyarrow as pa
import pytest
from sql_helpers import node_run, sink, source

from providers.sql.watermark import METRICS_KEY

pytest_plugins = ["sql_fixtures"]

TYPED = pa.table(
    {
        "id": pa.array([1, 2, 3], pa.int64()),
        "flag": [True, False, None],
        "price": pa.array([Decimal("1.25"), Decimal("-7.50"), None], pa.decimal128(10, 2)),
        "ratio": [0.5, None, 2.25],
        "day": pa.array([dt.date(2024, 1, 1), dt.date(2024, 2, 29), None], pa.date32()),
        "at": pa.array(
            [
                dt.datetime(2024, 1, 1, 12, 30, 1, 5, tzinfo=dt.UTC),
                None,
                dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
            ],
            pa.timestamp("us", "UTC"),
        ),
        "text": ['multi\nline, "quoted" ☃', "", None],
        "raw": pa.array([b"\x00\xff", None, b""], pa.binary()),
        "tags": pa.array([["a", "b"], None, []], pa.list_(pa.string())),
    }
)


def _read_back(db, **options):
    table, _ = source(schema=db.schema, table="typed", **options)
    return table.sort_by("id")


@pytest.mark.parametrize("db", ["postgres", "mariadb"], indirect=True)
def test_typed_values_round_trip_through_sink_and_source(db, stage):
    sink(stage(TYPED), schema=db.schema, table="typed")
    back = _read_back(db)
    expected = TYPED.to_pylist()
    if db.kind == "mariadb":  # datetime(6) has no zone: zoned values are stored and read as UTC wall time
        expected = [{**row, "at": row["at"] and row["at"].replace(tzinfo=None)} for row in expected]
    rows = back.to_pylist()
    for row, want in zip(rows, expected, strict=True):
        assert {k: v for k, v in row.items() if k != "tags"} == {k: v for k, v in want.items() if k != "tags"}
        assert (json.loads(row["tags"]) if row["tags"] is not None else None) == want["tags"]
    assert back.schema.field("price").type == pa.decimal128(10, 2)
    assert back.schema.field("day").type == pa.date32()


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_sqlite_keeps_values_as_iso_text_numbers_and_blobs(db, stage):
    sink(stage(TYPED), schema=db.schema, table="typed")
    rows = db.execute('SELECT id, flag, price, day, "at", text, raw, tags FROM typed ORDER BY id')
    at = "2024-01-01T12:30:01.000005+00:00"
    assert rows[0] == (1, 1, 1.25, "2024-01-01", at, 'multi\nline, "quoted" ☃', b"\x00\xff", '["a", "b"]')
    assert rows[2][6] == b"" and rows[1][5] == ""
    back = _read_back(db, columns=["id", "ratio", "day", "raw"])
    assert back.schema == pa.schema(
        [("id", pa.int64()), ("ratio", pa.float64()), ("day", pa.string()), ("raw", pa.binary())]
    )
    assert back.column("day").to_pylist() == ["2024-01-01", "2024-02-29", None]


def test_query_source_passes_parameters_in_the_drivers_style(db, stage):
    sink(stage(TYPED.select(["id", "ratio"])), schema=db.schema, table="typed")
    table_sql = f"{db.quote(db.schema)}.{db.quote('typed')}" if db.schema else db.quote("typed")
    placeholder = ":top" if db.kind == "sqlite" else "%(top)s"
    table, _ = source(query=f"SELECT id FROM {table_sql} WHERE id <= {placeholder}", parameters={"top": 2})
    assert sorted(table.column("id").to_pylist()) == [1, 2]


def test_incremental_read_moves_the_watermark_only_when_the_sink_commits_it(db, stage):
    rows = pa.table({"id": pa.array(range(1, 11), pa.int64()), "v": [str(i) for i in range(1, 11)]})
    sink(stage(rows), schema=db.schema, table="events")
    incremental = {"cursor_column": "id", "lookback": 2, "state_schema": db.schema}
    extracted, run = source(schema=db.schema, table="events", incremental=incremental, batch_rows=3)
    assert extracted.num_rows == 10
    context = {"task": _Upstream(), "ti": _XComOf(run.metrics)}
    # the sink in the same run commits the mark with its rows
    sink(stage(extracted), run_id="run_2", schema=db.schema, table="copy", context=context,
         state_schema=db.schema)  # fmt: skip
    sink(stage(pa.table({"id": pa.array([11, 12], pa.int64()), "v": ["11", "12"]})), run_id="run_3",
         schema=db.schema, table="events")  # fmt: skip
    again, run = source(schema=db.schema, table="events", incremental=incremental)
    assert sorted(again.column("id").to_pylist()) == [9, 10, 11, 12]  # > 10 - lookback 2
    assert json.loads(run.metrics[METRICS_KEY]["value"]) == {"type": "int", "value": "12"}


class _Upstream:
    """The sink task's upstream ids, as Airflow's task gives them (no Airflow run in this test)."""

    def get_flat_relative_ids(self, upstream: bool) -> set[str]:
        return {"extract"}


class _XComOf:
    """Hands the source's metrics to the sink as Airflow's XCom pull would."""

    def __init__(self, metrics):
        self.metrics = metrics

    def xcom_pull(self, task_ids, key):
        return [self.metrics]


def test_partitioned_read_returns_every_row_once_including_nulls(db, stage):
    ids = list(range(1, 1001))
    data = pa.table(
        {"id": pa.array(ids, pa.int64()), "bucket": pa.array([i % 97 if i % 50 else None for i in ids])}
    )
    sink(stage(data), schema=db.schema, table="big")
    run = node_run("extract")
    table, _ = source(run=run, schema=db.schema, table="big", batch_rows=64,
                      partitions={"column": "bucket", "count": 7, "parallelism": 3})  # fmt: skip
    assert sorted(table.column("id").to_pylist()) == ids


def test_partitioned_read_with_a_missing_column_fails_naming_the_node(db, stage):
    sink(stage(pa.table({"id": [1, 2]})), schema=db.schema, table="small")
    with pytest.raises(RuntimeError, match=r"node 'extract' \(source.sql\): .*nope"):
        source(schema=db.schema, table="small", partitions={"column": "nope", "count": 2})


def test_missing_table_fails_naming_the_node(db):
    with pytest.raises(RuntimeError, match=r"node 'extract' \(source.sql\): .*(nope|no such table)"):
        source(schema=db.schema, table="nope")


@pytest.mark.parametrize("db", ["mariadb"], indirect=True)
def test_mariadb_wrong_credentials_and_unknown_database_fail_naming_the_node(db, monkeypatch):
    bad = {"conn_type": "aggregator_mysql", "host": "127.0.0.1", "login": "nobody", "password": "wrong"}
    monkeypatch.setenv("AIRFLOW_CONN_SQLTEST", json.dumps(bad))
    with pytest.raises(
        RuntimeError, match=r"node 'extract' \(source.sql\): .*Access denied for user 'nobody'"
    ):
        source(schema=db.schema, table="t")
    missing = {"conn_type": "aggregator_mysql", "host": "127.0.0.1", "login": "root", "schema": "no_such_db"}
    monkeypatch.setenv("AIRFLOW_CONN_SQLTEST", json.dumps(missing))
    with pytest.raises(RuntimeError, match=r"node 'load' \(sink.sql\): .*Unknown database 'no_such_db'"):
        sink(None, table="t")


@pytest.mark.parametrize("db", ["mariadb", "sqlite"], indirect=True)
def test_schema_changes_between_runs_are_errors_or_the_configured_evolution(db, stage):
    sink(stage(pa.table({"id": [1], "amount": [1.5]})), schema=db.schema, table="orders")
    with pytest.raises(RuntimeError, match=r"table .*orders has column\(s\) 'amount' that the input lacks"):
        sink(stage(pa.table({"id": [2]})), run_id="run_2", schema=db.schema, table="orders")
    with pytest.raises(
        RuntimeError, match=r"column 'amount' of table .*orders is \w+ but the input has string"
    ):
        sink(
            stage(pa.table({"id": [2], "amount": ["lots"]})), run_id="run_2", schema=db.schema, table="orders"
        )
    wider = pa.table({"id": [2], "amount": [2.5], "note": ["x"]})
    with pytest.raises(RuntimeError, match=r"new column 'note'"):
        sink(stage(wider), run_id="run_2", schema=db.schema, table="orders")
    sink(stage(wider), run_id="run_2", schema=db.schema, table="orders", evolve="add_columns")
    assert db.table("orders") == [(1, 1.5, None), (2, 2.5, "x")]


@pytest.mark.parametrize("db", ["mariadb"], indirect=True)
def test_mariadb_rejects_a_value_too_long_for_its_column_instead_of_truncating(db, stage):
    db.execute(f"CREATE TABLE `{db.schema}`.`short` (code varchar(3))")
    with pytest.raises(
        RuntimeError, match=r"node 'load' \(sink.sql\): .*[Dd]ata (too long|truncated) for column 'code'"
    ):
        sink(stage(pa.table({"code": ["abcdef"]})), schema=db.schema, table="short")
    assert db.table("short") == []


@pytest.mark.parametrize("db", ["postgres", "mariadb"], indirect=True)
def test_unreachable_server_fails_naming_the_node_and_loses_nothing(db, stage, monkeypatch):
    closed = {"postgres": {"conn_type": "postgres"}, "mariadb": {"conn_type": "aggregator_mysql"}}[db.kind]
    monkeypatch.setenv(
        "AIRFLOW_CONN_SQLTEST", json.dumps({**closed, "host": "127.0.0.1", "port": 9, "login": "x"})
    )
    with pytest.raises(RuntimeError, match=r"node 'load' \(sink.sql\): .*(refused|Can't connect)"):
        sink(stage(pa.table({"id": [1]})), schema=db.schema, table="t")


@pytest.mark.parametrize("db", ["mariadb"], indirect=True)
def test_mariadb_loads_with_multi_row_inserts_where_local_files_are_disabled(db, stage, monkeypatch):
    conn = {"conn_type": "aggregator_mysql", "host": "127.0.0.1", "login": "root", "schema": db.schema,
            "extra": {"local_infile": False}}  # fmt: skip
    monkeypatch.setenv("AIRFLOW_CONN_SQLTEST", json.dumps(conn))
    sink(stage(TYPED, batch_rows=2), table="typed")
    assert [row[0] for row in db.table("typed")] == [1, 2, 3]
    assert db.table("typed")[0][6] == 'multi\nline, "quoted" ☃'


@pytest.mark.parametrize("db", ["postgres", "mariadb"], indirect=True)
def test_a_doubled_percent_is_one_percent_with_or_without_parameters(db):
    plain, _ = source(query="SELECT '100%%' AS p")
    with_values, _ = source(query="SELECT '100%%' AS p, %(n)s AS n", parameters={"n": 1})
    assert plain.column("p").to_pylist() == with_values.column("p").to_pylist() == ["100%"]


@pytest.mark.parametrize("db", ["postgres"], indirect=True)
def test_delete_insert_bounds_are_utc_whatever_the_server_time_zone(db, stage, monkeypatch):
    from sql_helpers import URI

    monkeypatch.setenv("AIRFLOW_CONN_SQLTEST", f"{URI}?options=-c%20timezone%3DPacific%2FKiritimati")
    start, end = dt.datetime(2024, 1, 1, tzinfo=dt.UTC), dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
    interval = {"data_interval_start": start, "data_interval_end": end}
    day = pa.array([dt.date(2024, 1, 1)], pa.date32())
    next_day = pa.table({"id": [2], "day": pa.array([dt.date(2024, 1, 2)], pa.date32())})
    sink(stage(next_day), run_id="run_0", schema=db.schema, table="daily")
    options = {"schema": db.schema, "table": "daily", "mode": "delete_insert", "partition": {"column": "day"}}
    sink(stage(pa.table({"id": [1], "day": day})), context=interval, **options)
    assert [row[0] for row in db.table("daily")] == [1, 2]  # the next day's row is not touched


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_sqlite_stores_zoned_timestamps_in_utc(db, stage):
    at = pa.array([dt.datetime(2024, 1, 2, 1, tzinfo=dt.UTC)], pa.timestamp("us", "UTC"))
    sink(stage(pa.table({"at": at.cast(pa.timestamp("us", "America/New_York"))})), table="zoned")
    assert db.execute("SELECT at FROM zoned") == [("2024-01-02T01:00:00+00:00",)]


@pytest.mark.parametrize("db", ["mariadb"], indirect=True)
def test_mariadb_load_waits_for_another_attempt_of_the_same_load(db, stage, monkeypatch):
    import pymysql
    from sql_helpers import MYSQL_HOST

    from providers.sql import mysql_dialect
    from providers.sql.load import LoadRequest

    monkeypatch.setattr(mysql_dialect, "LOAD_LOCK_SECONDS", 1)
    name = LoadRequest("sql_tests", "run_1", "load", db.schema, "t").staging_name()
    holder = pymysql.connect(host=MYSQL_HOST, user="root", password="")
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT GET_LOCK(%s, 0)", [name])
            assert cursor.fetchone() == (1,)
        with pytest.raises(RuntimeError, match=r"another attempt of this load held lock .* for 1 s"):
            sink(stage(pa.table({"id": [1]})), schema=db.schema, table="t")
    finally:
        holder.close()
    sink(stage(pa.table({"id": [1]})), schema=db.schema, table="t")
    assert db.table("t") == [(1,)]
