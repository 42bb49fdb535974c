"""``source.sql`` against a real PostgreSQL: tables, queries, columns, types, incremental reads."""

import datetime as dt
import json
from decimal import Decimal

import pyarrow as pa
import pytest
from sql_helpers import node_run, source

from providers.sql.watermark import METRICS_KEY, WatermarkUpdate, ensure_table, write_watermark

pytest_plugins = ["sql_fixtures"]


@pytest.fixture
def events(pg):
    pg.execute(
        f'CREATE TABLE "{pg.schema}"."Events" (id int PRIMARY KEY, "Kind Of" text, amount numeric(10,2), '
        "at timestamptz, payload jsonb, raw bytea, note varchar(20), ratio numeric)"
    )
    pg.execute(
        f"INSERT INTO \"{pg.schema}\".\"Events\" SELECT g, CASE WHEN g % 2 = 0 THEN 'even' ELSE '' END, "
        "g * 1.5, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour', "
        "jsonb_build_object('g', g), decode('00ff', 'hex'), NULL, g / 3.0 FROM generate_series(1, 25) g"
    )
    return pg


def test_table_is_streamed_in_batches_with_postgres_types_mapped_to_arrow(events):
    from providers.components.sql_source import SqlSourceConfig, read_sql

    config = SqlSourceConfig.model_validate({"conn_id": "sqltest", "schema": events.schema, "table": "Events",
                                             "batch_rows": 10})  # fmt: skip
    reader = read_sql(node_run("extract"), config, [])
    assert [batch.num_rows for batch in reader] == [10, 10, 5]
    table, _ = source(schema=events.schema, table="Events")
    assert table.schema.field("id").type == pa.int32()
    assert table.schema.field("amount").type == pa.decimal128(10, 2)
    assert table.schema.field("at").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("raw").type == pa.binary()
    assert table.schema.field("ratio").type == pa.float64()
    first = table.sort_by("id").slice(0, 2).to_pylist()
    assert first[0]["Kind Of"] == "" and first[1]["Kind Of"] == "even" and first[0]["note"] is None
    assert first[0]["amount"] == Decimal("1.50") and json.loads(first[0]["payload"]) == {"g": 1}
    assert first[0]["at"] == dt.datetime(2024, 1, 1, 1, tzinfo=dt.UTC) and first[0]["raw"] == b"\x00\xff"


def test_column_selection_and_query_with_parameters(events):
    table, _ = source(schema=events.schema, table="Events", columns=["Kind Of", "id"])
    assert table.column_names == ["Kind Of", "id"] and table.num_rows == 25
    query = f'SELECT id, amount FROM "{events.schema}"."Events" WHERE id <= %(top)s'
    table, _ = source(query=query, parameters={"top": 3}, columns=["id"])
    assert sorted(table.column("id").to_pylist()) == [1, 2, 3]


def test_incremental_reads_past_the_committed_watermark_minus_lookback(events):
    from providers.sql.connection import open_database

    incremental = {"cursor_column": "at", "lookback": 7200, "state_schema": events.schema}
    table, run = source(schema=events.schema, table="Events", incremental=incremental)
    assert table.num_rows == 25
    update = run.metrics[METRICS_KEY]
    assert json.loads(update["value"])["value"] == "2024-01-02T01:00:00+00:00"
    marked = {**update, "value": json.dumps({"type": "datetime", "value": "2024-01-01T20:00:00+00:00"})}
    database = open_database("sqltest")
    with database.connection.cursor() as cursor:
        ensure_table(database.dialect, cursor, events.schema)
        write_watermark(database.dialect, cursor, WatermarkUpdate(**marked))
    database.connection.commit()
    database.close()
    table, run = source(schema=events.schema, table="Events", incremental=incremental)
    assert sorted(table.column("id").to_pylist()) == [19, 20, 21, 22, 23, 24, 25]  # > 18:00 (20:00 - 2 h)
    assert json.loads(run.metrics[METRICS_KEY]["value"])["value"] == "2024-01-02T01:00:00+00:00"


def test_incremental_first_run_starts_after_initial_and_no_new_rows_reports_no_mark(events):
    incremental = {"cursor_column": "id", "initial": "22", "state_schema": events.schema}
    table, run = source(schema=events.schema, table="Events", incremental=incremental)
    assert sorted(table.column("id").to_pylist()) == [23, 24, 25]
    table, run = source(
        schema=events.schema, table="Events", incremental={**incremental, "initial": "25"}, columns=["id"]
    )
    # The mark says where it lives (the sink prepares its table) but has no new value to commit.
    assert table.num_rows == 0 and run.metrics[METRICS_KEY]["value"] is None


def test_json_values_are_read_as_json_text(pg):
    table, _ = source(query="SELECT 'true'::jsonb AS a, '[1, \"x\"]'::json AS b, '{\"k\": null}'::jsonb AS c")
    assert table.to_pylist() == [{"a": "true", "b": '[1, "x"]', "c": '{"k": null}'}]


def test_missing_table_fails_naming_the_node_and_the_table(pg):
    with pytest.raises(
        RuntimeError, match=r"node 'extract' \(source.sql\): .*relation .*nope.* does not exist"
    ):
        source(schema=pg.schema, table="nope")


def test_wrong_credentials_fail_naming_the_node(pg, monkeypatch):
    monkeypatch.setenv(
        "AIRFLOW_CONN_SQLTEST", "postgresql://nobody:wrong@127.0.0.1:5432/aggregator_sql_tests"
    )
    with pytest.raises(RuntimeError, match=r"node 'extract' \(source.sql\): .*nobody"):
        source(schema=pg.schema, table="Events")
