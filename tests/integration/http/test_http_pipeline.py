"""``source.http -> sink.file`` run end to end through Airflow's ``dag.test()``."""

from __future__ import annotations

import json
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from api_server import BEARER, ITEMS

pytestmark = pytest.mark.usefixtures("airflow_db")

SPEC = textwrap.dedent(
    """\
    apiVersion: aggregator/v1
    id: DAG_ID
    schedule: "@daily"
    start_date: 2026-01-01
    params: {per_page: 2}
    nodes:
      - id: items
        type: source.http
        config:
          conn_id: items_api
          path: "{{ 'items' }}"
          params: {per_page: "{{ params.per_page }}"}
          records: data.items
          pagination: {type: page}
          auth: {type: bearer}
      - {id: load, type: sink.file, inputs: [items], config: {path: items.parquet}}
    """
)

INCREMENTAL_SPEC = textwrap.dedent(
    """\
    apiVersion: aggregator/v1
    id: DAG_ID
    schedule: "@daily"
    start_date: 2026-01-01
    nodes:
      - id: changes
        type: source.http
        config:
          conn_id: items_api
          path: incremental
          records: items
          incremental: {param: since, cursor_field: updated_at}
      - {id: load, type: sink.file, inputs: [changes], config: {path: "changes_{{ ds_nodash }}.parquet"}}
    """
)


def run_dag(bundle: Path, dag_id: str, logical_date: datetime | None = None):
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(bundle))
    assert dag_id in bag.dags, bag.import_errors
    return bag.dags[dag_id].test(logical_date=logical_date) if logical_date else bag.dags[dag_id].test()


def use_connection(monkeypatch, api, **fields) -> None:
    conn = {"conn_type": "http", "host": "127.0.0.1", "port": api.port, **fields}
    monkeypatch.setenv("AIRFLOW_CONN_ITEMS_API", json.dumps(conn))


def test_paginated_bearer_api_lands_in_a_parquet_file(api, spec_folder, bundle, monkeypatch):
    use_connection(monkeypatch, api, extra={"token": BEARER})
    (spec_folder / "items.yaml").write_text(SPEC.replace("DAG_ID", "http_items_e2e"))
    run = run_dag(bundle, "http_items_e2e")
    assert run.state == "success"
    table = pq.read_table(spec_folder / "items.parquet")
    assert table.column("id").to_pylist() == [item["id"] for item in ITEMS]
    assert table.column("meta_tag").to_pylist()[0] == "odd"
    assert api.hits["/items"] == 5, "without pagination.page_size, an empty page ends the data"
    assert all(req["headers"]["Authorization"] == f"Bearer {BEARER}" for req in api.requests)
    assert {req["query"]["per_page"] for req in api.requests} == {"2"}


def test_a_wrong_token_fails_the_task_naming_node_url_and_status(
    api, spec_folder, bundle, monkeypatch, capfd
):
    use_connection(monkeypatch, api, extra={"token": "not-the-token"})
    (spec_folder / "items.yaml").write_text(SPEC.replace("DAG_ID", "http_items_denied"))
    run = run_dag(bundle, "http_items_denied")
    assert run.state == "failed"
    output = capfd.readouterr().out
    assert f"node 'items': page 1: GET {api.url}/items?per_page=2&page=1 failed: HTTP 401" in output
    assert "not-the-token" not in output


def test_incremental_runs_continue_from_the_last_successful_watermark(api, spec_folder, bundle, monkeypatch):
    use_connection(monkeypatch, api)
    (spec_folder / "changes.yaml").write_text(INCREMENTAL_SPEC.replace("DAG_ID", "http_changes_e2e"))
    first = run_dag(bundle, "http_changes_e2e", datetime(2026, 2, 1, tzinfo=UTC))
    assert first.state == "success"
    assert pq.read_table(spec_folder / "changes_20260201.parquet").num_rows == len(ITEMS)
    assert "since" not in api.requests[-1]["query"]
    second = run_dag(bundle, "http_changes_e2e", datetime(2026, 2, 2, tzinfo=UTC))
    assert second.state == "success"
    assert api.requests[-1]["query"]["since"] == ITEMS[-1]["updated_at"]
    assert pq.read_table(spec_folder / "changes_20260202.parquet").num_rows == 0
