"""A load that crashes (exception or SIGKILL) and is retried lands every row once, on every database."""

import json
import os
import subprocess
import sys

import pyarrow as pa
import pytest
from sql_helpers import CONN_ID, node_run, sink

from providers.sql.failpoint import FAIL_AT, FAIL_HOW

pytest_plugins = ["sql_fixtures"]

FIRST = pa.table({"id": [1, 2, 3], "amount": [10.0, 20.0, 30.0], "day": ["2024-01-01"] * 3})
SECOND = pa.table(
    {"id": [3, 4, 5, 6, 7], "amount": [300.0, 400.0, 500.0, 600.0, 700.0], "day": ["2024-01-01"] * 5}
)
MODES = {
    "append": ({}, [1, 2, 3, 3, 4, 5, 6, 7]),
    "replace": ({}, [3, 4, 5, 6, 7]),
    "merge": ({"keys": ["id"]}, [1, 2, 3, 4, 5, 6, 7]),
    "delete_insert": (
        {"partition": {"column": "day", "start": "2024-01-01", "end": "2024-01-02"}},
        [3, 4, 5, 6, 7],
    ),
}
KILL_SCRIPT = """
import json, sys
from pathlib import Path
from providers.components.sql_sink import SqlSinkConfig, write_sql
from providers.execution.node_run import NodeRun
from providers.staging.manifest import StagedData
config, staged = json.loads(sys.argv[1]), StagedData(**json.loads(sys.argv[2]))
run = NodeRun(node_id="load", dag_id="sql_tests", run_id="run_2", spec_folder=Path("."))
write_sql(run, SqlSinkConfig.model_validate(config), [staged])
"""


def ids_and_amounts(db):
    return [(row[0], row[1]) for row in db.table("target", order="id, amount")]


def expected_rows(mode):
    """Rows the target must hold after FIRST (run_1) then SECOND (run_2) were loaded once each."""
    first = list(zip(FIRST["id"].to_pylist(), FIRST["amount"].to_pylist(), strict=True))
    second = list(zip(SECOND["id"].to_pylist(), SECOND["amount"].to_pylist(), strict=True))
    if mode == "append":
        return sorted(first + second)
    if mode == "before run_2":
        return sorted(first)
    if mode == "merge":
        return sorted([row for row in first if row[0] not in SECOND["id"].to_pylist()] + second)
    return sorted(second)


@pytest.mark.parametrize("failure", ["copy:2", "apply"])
@pytest.mark.parametrize("mode", list(MODES))
def test_retry_after_an_exception_lands_exactly_the_source_rows(db, stage, monkeypatch, mode, failure):
    options = {"schema": db.schema, "table": "target", "mode": mode, "batch_rows": 2, **MODES[mode][0]}
    sink(stage(FIRST), **options)
    staged = stage(SECOND)
    monkeypatch.setenv(FAIL_AT, failure)
    with pytest.raises(RuntimeError, match=f"node 'load' \\(sink.sql\\): injected failure at {failure}"):
        sink(staged, run_id="run_2", **options)
    assert ids_and_amounts(db) == sorted(
        (i, a) for i, a in zip(*FIRST.select(["id", "amount"]).to_pydict().values(), strict=True)
    )
    monkeypatch.delenv(FAIL_AT)
    assert sink(staged, run_id="run_2", **options)["rows_written"] == 5
    assert sink(staged, run_id="run_2", **options)["applied"] is False
    assert ids_and_amounts(db) == expected_rows(mode)
    assert db.staging_tables() == []


@pytest.mark.parametrize("failure", ["copy:2", "apply"])
@pytest.mark.parametrize("mode", list(MODES))
def test_retry_after_sigkill_of_the_loading_process_lands_rows_once(db, stage, mode, failure):
    options = {"conn_id": CONN_ID, "schema": db.schema, "table": "target", "mode": mode, "batch_rows": 2,
               **MODES[mode][0]}  # fmt: skip
    sink(stage(FIRST), **{k: v for k, v in options.items() if k != "conn_id"})
    staged = stage(SECOND)
    env = {**os.environ, FAIL_AT: failure, FAIL_HOW: "kill"}
    killed = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, json.dumps(options), json.dumps(staged.to_xcom())],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    assert ids_and_amounts(db) == expected_rows("before run_2")
    sink(staged, run_id="run_2", **{k: v for k, v in options.items() if k != "conn_id"})
    assert ids_and_amounts(db) == expected_rows(mode)
    assert db.staging_tables() == []


def test_watermark_commits_with_the_rows_and_not_after_a_crash(db, stage, monkeypatch):
    from providers.sql.connection import open_database
    from providers.sql.load import LoadRequest, run_load
    from providers.sql.watermark import WatermarkUpdate, read_watermark

    update = WatermarkUpdate("pipe", "extract", "id", '{"type": "int", "value": "7"}', CONN_ID, db.schema)
    request = LoadRequest(
        "pipe", "run_2", "load", db.schema, "target", state_schema=db.schema, watermarks=lambda: [update]
    )
    log = node_run().log

    def load():
        database = open_database(CONN_ID, bulk_load=True)
        try:
            run_load(database, request, SECOND.to_reader(max_chunksize=2), log)
        finally:
            database.close()

    def mark():
        database = open_database(CONN_ID)
        try:
            return read_watermark(
                database.dialect, database.connection.cursor(), db.schema, "pipe", "extract"
            )
        finally:
            database.close()

    for failure in ["copy:1", "apply"]:
        monkeypatch.setenv(FAIL_AT, failure)
        with pytest.raises(RuntimeError, match="injected failure"):
            load()
        assert mark() is None
    monkeypatch.delenv(FAIL_AT)
    load()
    assert mark() == 7 and len(db.table("target")) == 5
