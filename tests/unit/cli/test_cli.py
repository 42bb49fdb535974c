"""The ``aggregator`` command as a user runs it: output, files written, exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SPEC = REPO / "tests" / "specs" / "orders_daily.yaml"


def aggregator(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dag_factory", *args],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        cwd=REPO,
        check=False,
    )


def broken_copy(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(
        SPEC.read_text().replace("schedule:", "shedule:").replace("inputs: [big]", "inputs: [bgi]")
    )
    return path


def test_no_command_prints_help_and_exits_2():
    result = aggregator()
    assert result.returncode == 2
    assert "validate" in result.stderr and "publish" in result.stderr


def test_unknown_option_exits_2():
    assert aggregator("validate", "--nope", str(SPEC)).returncode == 2


def test_validate_accepts_the_example_bundle():
    result = aggregator("validate", "dags")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 spec(s): 2 valid, 0 with errors" in result.stderr


def test_validate_lists_every_error_with_file_line_column_and_exits_1(tmp_path):
    bad = broken_copy(tmp_path)
    result = aggregator("validate", str(SPEC), str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{bad}:3:1: shedule: unknown key 'shedule' (did you mean 'schedule'?)" in lines[0]
    assert any(line.startswith(f"{bad}:17:14: nodes[2].inputs[0]: unknown node 'bgi'") for line in lines)
    assert "2 spec(s): 1 valid, 1 with errors" in result.stderr
    assert "\033[" not in result.stdout + result.stderr, "no colour when not on a terminal"


def test_validate_reports_missing_paths(tmp_path):
    result = aggregator("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "no such file" in result.stderr


def test_validate_connections_checks_connection_ids_against_airflow(tmp_path, airflow_db):
    spec = tmp_path / "conn.yaml"
    spec.write_text(
        SPEC.read_text().replace("config: {path: orders.csv}", "config: {path: s3://b/o.csv, conn_id: lake}")
    )
    assert aggregator("validate", str(spec)).returncode == 0
    missing = aggregator("validate", "--connections", str(spec))
    assert missing.returncode == 1
    assert f"{spec}:10:43: nodes[0].config.conn_id: Airflow has no connection 'lake'" in missing.stdout
    env = {**os.environ, "AIRFLOW_CONN_LAKE": "aws://"}
    assert aggregator("validate", "--connections", str(spec), env=env).returncode == 0


def test_render_prints_tasks_in_run_order_with_dependencies():
    result = aggregator("render", str(SPEC))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "DAG orders_daily"
    tasks = [line.split()[0] for line in lines[lines.index("tasks (in run order):") + 1 :]]
    assert tasks == ["orders", "big", "load"]
    assert lines[-3].split() == ["orders", "source.file", "(streams", "into", "task", "big)"]
    assert lines[-1].split() == ["load", "sink.file", "<-", "big"]


def test_publish_writes_the_spec_and_loader_into_the_bundle(tmp_path):
    result = aggregator("publish", str(SPEC), "--bundle", str(tmp_path), "--folder", "sales")
    assert result.returncode == 0, result.stderr
    target = tmp_path / "pipelines" / "sales" / "orders_daily.json"
    assert json.loads(target.read_text())["nodes"][0]["id"] == "orders"
    assert (target.parent / "aggregator_loader.py").exists()
    assert str(target) in result.stdout


def test_publish_of_an_invalid_spec_writes_nothing_and_exits_1(tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    result = aggregator("publish", str(broken_copy(tmp_path)), "--bundle", str(bundle))
    assert result.returncode == 1
    assert "shedule" in result.stdout
    assert "not published" in result.stderr
    assert list(bundle.rglob("*")) == []


def test_publish_needs_an_existing_bundle(tmp_path):
    result = aggregator("publish", str(SPEC), "--bundle", str(tmp_path / "missing"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_schema_prints_the_published_schema():
    result = aggregator("schema")
    assert result.returncode == 0
    assert result.stdout == (REPO / "docs/spec/aggregator-v1.schema.json").read_text()


@pytest.mark.parametrize("command", ["validate", "render", "publish", "run", "schema", "demo"])
def test_every_command_has_help(command):
    result = aggregator(command, "--help")
    assert result.returncode == 0
    assert "usage: aggregator " + command in result.stdout
