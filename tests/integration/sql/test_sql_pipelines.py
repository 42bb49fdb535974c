"""Pipelines with ``source.sql`` / ``sink.sql`` run end to end through Airflow's ``dag.test()``."""

import json
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from dag_runs import metrics_of, run_dag
from sql_helpers import REPO

from providers.sql.failpoint import FAIL_AT

pytest_plugins = ["sql_fixtures"]

pytestmark = pytest.mark.usefixtures("airflow_db")


def write_spec(folder: Path, dag_id: str, nodes: str, fuse: bool = True) -> str:
    spec = f"apiVersion: aggregator/v1\nid: {dag_id}\nfuse: {str(fuse).lower()}\nnodes:\n" + textwrap.indent(
        textwrap.dedent(nodes), "  "
    )
    (folder / f"{dag_id}.yaml").write_text(spec)
    return dag_id


def test_file_source_to_sql_sink_merges_the_csv_rows_once_per_key(db, spec_folder, bundle):
    schema = f"schema: {db.schema}, " if db.schema else ""
    dag_id = write_spec(spec_folder, f"file_to_sql_{db.kind}_{db.schema or ''}"[:60], f"""\
        - {{id: orders, type: source.file, config: {{path: "{REPO / 'dags/data/orders.csv'}"}}}}
        - id: load
          type: sink.sql
          inputs: [orders]
          config: {{conn_id: sqltest, {schema}table: Orders, mode: merge, keys: [order_id]}}
        """)  # fmt: skip
    export_id = write_spec(spec_folder, f"sql_to_file_{db.kind}_{db.schema or ''}"[:60], f"""\
        - id: copy
          type: source.sql
          config: {{conn_id: sqltest, {schema}table: Orders, partitions: {{column: order_id, count: 3}}}}
        - id: save
          type: sink.file
          inputs: [copy]
          config: {{path: "{spec_folder / 'copy.parquet'}"}}
        """)  # fmt: skip
    for _ in range(2):
        assert run_dag(bundle, dag_id).state == "success"
    assert run_dag(bundle, export_id).state == "success"
    expected = pd.read_csv(REPO / "dags/data/orders.csv")
    rows = db.table("Orders", order="order_id")
    assert len(rows) == len(expected) == 500
    assert [row[0] for row in rows] == sorted(expected.order_id)
    ledger = f"{db.quote(db.schema)}.aggregator_load_ledger" if db.schema else "aggregator_load_ledger"
    assert db.execute(f"SELECT count(*) FROM {ledger}")[0][0] == 2
    copied = pd.read_parquet(spec_folder / "copy.parquet")
    assert sorted(copied.order_id) == sorted(expected.order_id)


def test_sql_source_to_file_sink_exports_the_selected_columns(pg, spec_folder, bundle):
    pg.execute(f'CREATE TABLE "{pg.schema}".items (id int, name text, secret text)')
    pg.execute(f"INSERT INTO \"{pg.schema}\".items VALUES (1, 'a', 'x'), (2, NULL, 'y')")
    dag_id = write_spec(spec_folder, f"sql_to_file_{pg.schema}"[:60], f"""\
        - id: items
          type: source.sql
          config: {{conn_id: sqltest, schema: {pg.schema}, table: items, columns: [id, name]}}
        - {{id: save, type: sink.file, inputs: [items], config: {{path: items.csv}}}}
        """)  # fmt: skip
    assert run_dag(bundle, dag_id).state == "success"
    exported = pd.read_csv(spec_folder / "items.csv").sort_values("id")
    assert list(exported.columns) == ["id", "name"]
    assert exported.id.tolist() == [1, 2] and exported.name.iloc[0] == "a" and pd.isna(exported.name.iloc[1])


@pytest.mark.parametrize("fuse", [True, False], ids=["source-in-sink-task", "task-per-node"])
def test_incremental_pipeline_commits_the_watermark_only_with_the_rows(
    pg, spec_folder, bundle, monkeypatch, fuse
):
    s = pg.schema
    pg.execute(f"CREATE TABLE {s}.events (id int, v text)")
    pg.execute(f"INSERT INTO {s}.events SELECT g, 'v' || g FROM generate_series(1, 10) g")
    dag_id = write_spec(spec_folder, f"incremental_{s}"[:60], f"""\
        - id: events
          type: source.sql
          config:
            conn_id: sqltest
            schema: {s}
            table: events
            incremental: {{cursor_column: id, state_schema: {s}}}
        - id: load
          type: sink.sql
          inputs: [events]
          config: {{conn_id: sqltest, schema: {s}, table: copy, mode: merge, keys: [id]}}
        """, fuse=fuse)  # fmt: skip

    def mark():
        rows = pg.execute(f"SELECT value FROM {s}.aggregator_watermarks WHERE pipeline = %s", [dag_id])
        return int(json.loads(rows[0][0])["value"]) if rows else None

    run = run_dag(bundle, dag_id)
    assert run.state == "success"
    assert mark() == 10 and len(pg.table("copy")) == 10
    assert metrics_of(run, "events")["rows_out"] == 10 and metrics_of(run, "load")["rows_in"] == 10
    pg.execute(f"INSERT INTO {s}.events SELECT g, 'v' || g FROM generate_series(11, 15) g")
    monkeypatch.setenv(FAIL_AT, "apply")
    assert run_dag(bundle, dag_id).state == "failed"
    assert mark() == 10 and len(pg.table("copy")) == 10
    monkeypatch.delenv(FAIL_AT)
    assert run_dag(bundle, dag_id).state == "success"
    assert mark() == 15 and [row[0] for row in pg.table("copy")] == list(range(1, 16))
