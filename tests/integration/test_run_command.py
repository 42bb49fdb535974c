"""``aggregator run SPEC`` runs a pipeline once in a private local Airflow."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def run_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("run-home")


def aggregator_run(spec: Path, home: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIRFLOW")}
    return subprocess.run(
        [sys.executable, "-m", "dag_factory", "run", str(spec), "--home", str(home), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
        timeout=600,
    )


def test_run_executes_the_pipeline_and_resolves_paths_against_the_spec(tmp_path, run_home):
    shutil.copy(REPO / "dags/data/orders.csv", tmp_path / "orders.csv")
    spec = tmp_path / "orders.yaml"
    spec.write_text(
        textwrap.dedent(
            """\
            apiVersion: aggregator/v1
            id: cli_run_orders
            params: {min_amount: 100}
            nodes:
              - {id: orders, type: source.file, config: {path: orders.csv}}
              - id: paid
                type: python.callable
                inputs: [orders]
                config:
                  callable: "aggregator_examples.orders:paid_orders"
                  kwargs: {min_amount: "{{ params.min_amount }}"}
              - {id: save, type: sink.file, inputs: [paid], config: {path: out/paid.parquet}}
            """
        )
    )
    result = aggregator_run(spec, run_home, "--param", "min_amount=250")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "save" in result.stdout and ": success" in result.stdout
    table = pq.read_table(tmp_path / "out" / "paid.parquet")
    assert table.num_rows > 0
    assert min(table.column("amount").to_pylist()) >= 250


def test_a_failing_pipeline_exits_1(tmp_path, run_home):
    spec = tmp_path / "missing.yaml"
    spec.write_text(
        "apiVersion: aggregator/v1\nid: cli_run_missing\nnodes:\n"
        "  - {id: src, type: source.file, config: {path: does_not_exist.csv}}\n"
    )
    result = aggregator_run(spec, run_home)
    assert result.returncode == 1
    assert "failed" in result.stdout


def test_an_invalid_spec_is_not_run(tmp_path, run_home):
    spec = tmp_path / "bad.yaml"
    spec.write_text("apiVersion: aggregator/v1\nid: x\nnodes: []\n")
    result = aggregator_run(spec, run_home)
    assert result.returncode == 1
    assert "nodes" in result.stdout


def test_bad_param_syntax_is_a_usage_error(tmp_path, run_home):
    result = aggregator_run(REPO / "tests/specs/orders_daily.yaml", run_home, "--param", "novalue")
    assert result.returncode == 2
    assert "KEY=VALUE" in result.stderr
