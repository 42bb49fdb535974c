"""Our side of the load benchmark: write a spec, run it with ``aggregator run``, read back its tasks."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from load_database import URI
from load_measure import CommandRun, LoadBenchmarkError, measure_command

CONN_ID = "load_bench"
SINK_TASK = "load"


@dataclass(frozen=True)
class TaskTiming:
    """One node task of the run: Airflow's duration and what the operator pushed as metrics."""

    task_id: str
    state: str
    seconds: float
    metrics: dict[str, Any]
    start: float
    """Unix time the task instance started (under ``dag.test()``: when it was picked up)."""
    end: float


@dataclass(frozen=True)
class PipelineRun:
    """The whole ``aggregator run`` command and its node tasks."""

    command: CommandRun
    tasks: list[TaskTiming]

    @property
    def node_seconds(self) -> float:
        """What the operators measured around every node's work, nodes fused into a task included."""
        return sum(task_node_seconds(task.metrics) for task in self.tasks)

    @property
    def task_seconds(self) -> float:
        """Sum of the node tasks' durations: the load's own time, without Airflow's start-up."""
        return sum(task.seconds for task in self.tasks)


def task_node_seconds(metrics: dict[str, Any]) -> float:
    """A task's own node seconds plus those of the nodes that streamed into it."""
    fused = metrics.get("fused_nodes") or {}
    return metrics.get("seconds", 0.0) + sum(node.get("seconds", 0.0) for node in fused.values())


def csv_to_table_spec(dag_id: str, csv: Path, table: str) -> str:
    """``source.file`` → ``sink.sql`` (append)."""
    return textwrap.dedent(f"""\
        apiVersion: aggregator/v1
        id: {dag_id}
        nodes:
          - {{id: read_csv, type: source.file, config: {{path: "{csv}"}}}}
          - id: {SINK_TASK}
            type: sink.sql
            inputs: [read_csv]
            config: {{conn_id: {CONN_ID}, table: {table}, mode: append}}
        """)


def table_to_table_spec(dag_id: str, source: str, target: str) -> str:
    """``source.sql`` → ``sink.sql`` (append)."""
    return textwrap.dedent(f"""\
        apiVersion: aggregator/v1
        id: {dag_id}
        nodes:
          - {{id: read_table, type: source.sql, config: {{conn_id: {CONN_ID}, table: {source}}}}}
          - id: {SINK_TASK}
            type: sink.sql
            inputs: [read_table]
            config: {{conn_id: {CONN_ID}, table: {target}, mode: append}}
        """)


def pipeline_environment(code: Path | None = None) -> dict[str, str]:
    """The caller's environment without Airflow settings, plus the benchmark's connection.

    :param code: A folder holding ``dag_factory`` and ``providers`` of another revision, put
        first on ``PYTHONPATH``; ``None``: the installed (editable) working tree.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AIRFLOW", "_AIRFLOW"))}
    env[f"AIRFLOW_CONN_{CONN_ID.upper()}"] = URI
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def run_pipeline(spec_text: str, workdir: Path, home: Path, log: Path, env: dict[str, str]) -> PipelineRun:
    """Write the spec, run ``python -m dag_factory run SPEC --home HOME``, check every task succeeded."""
    dag_id = spec_text.split("id: ", 1)[1].split("\n", 1)[0]
    spec = workdir / f"{dag_id}.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    command = [sys.executable, "-m", "dag_factory", "run", str(spec), "--home", str(home)]
    measured = measure_command(command, log, env=env, cwd=workdir)
    tasks = read_tasks(home / "airflow.db", dag_id)
    failed = [task.task_id for task in tasks if task.state != "success"]
    if failed or not tasks:
        raise LoadBenchmarkError(f"{dag_id}: tasks {failed or tasks} did not succeed; see {log}")
    return PipelineRun(measured, tasks)


def read_tasks(database: Path, dag_id: str) -> list[TaskTiming]:
    """The task instances and ``aggregator_metrics`` XComs of the DAG's latest run."""
    with sqlite3.connect(database) as db:
        run_id = db.execute(
            "SELECT run_id FROM dag_run WHERE dag_id = ? ORDER BY id DESC LIMIT 1", [dag_id]
        ).fetchone()
        if run_id is None:
            raise LoadBenchmarkError(f"no run of {dag_id} in {database}")
        instances = db.execute(
            "SELECT task_id, state, duration, start_date, end_date FROM task_instance "
            "WHERE dag_id = ? AND run_id = ? "
            "ORDER BY start_date",
            [dag_id, run_id[0]],
        ).fetchall()
        metrics = dict(
            db.execute(
                "SELECT task_id, value FROM xcom "
                "WHERE dag_id = ? AND run_id = ? AND key = 'aggregator_metrics'",
                [dag_id, run_id[0]],
            ).fetchall()
        )
    return [
        TaskTiming(
            task_id, state, float(duration or 0.0), _decoded(metrics.get(task_id)), _unix(start), _unix(end)
        )
        for task_id, state, duration, start, end in instances
    ]


def _unix(stored: str | None) -> float:
    """A timestamp of Airflow's SQLite database (UTC) as unix time."""
    if not stored:
        return 0.0
    parsed = datetime.fromisoformat(stored)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def _decoded(value: Any) -> dict[str, Any]:
    """An XCom value as stored by Airflow 3 (JSON, sometimes JSON inside a JSON string)."""
    while isinstance(value, str | bytes):
        value = json.loads(value)
    return value or {}
