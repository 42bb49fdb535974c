"""Run the measurements of the parsing benchmark in child processes and check what they built."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
PROBE = BENCH_DIR / "parse_probe.py"
PLUGINS_FOLDER = REPO_ROOT / "plugins"
PARSING_CONTEXT_DAG_ID = "_AIRFLOW_PARSING_CONTEXT_DAG_ID"
LONG_TIMEOUT = "600"
"""Import and file-processor timeout (s) for every variant, so slow variants finish."""
CHILD_TIMEOUT_SECONDS = 1800
RSS_POLL_SECONDS = 0.2


class BenchmarkError(RuntimeError):
    """A measurement failed or built something other than the expected DAGs."""


@dataclass
class Measurement:
    """One timed run of one variant."""

    variant: str
    metric: str
    seconds: float
    peak_rss_mb: float | None = None
    details: dict[str, Any] = field(default_factory=dict)


def airflow_environment(home: Path, dags_folder: Path, dag_id: str | None = None) -> dict[str, str]:
    """Environment of every child: its own AIRFLOW_HOME and SQLite DB, the bundle, long timeouts."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AIRFLOW") and key != PARSING_CONTEXT_DAG_ID
    }
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(dags_folder),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(PLUGINS_FOLDER),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
            "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": LONG_TIMEOUT,
            "AIRFLOW__DAG_PROCESSOR__DAG_FILE_PROCESSOR_TIMEOUT": LONG_TIMEOUT,
            "AIRFLOW__DAG_FACTORY__ENABLE_TELEMETRY": "False",
            "DO_NOT_TRACK": "1",
            "SCARF_NO_ANALYTICS": "true",
        }
    )
    if dag_id:
        env[PARSING_CONTEXT_DAG_ID] = dag_id
    return env


def run_logged(command: list[str], env: dict[str, str], log_path: Path, cwd: Path) -> float:
    """Run ``command`` to completion with output in ``log_path``; return its wall-clock seconds."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        started = time.perf_counter()
        result = subprocess.run(
            command,
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            timeout=CHILD_TIMEOUT_SECONDS,
            check=False,
        )
        seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise BenchmarkError(f"{' '.join(command[1:4])} exited with {result.returncode}; see {log_path}")
    return seconds


@dataclass(frozen=True)
class Expectation:
    """What a measurement must have built."""

    dags: int
    tasks_per_dag: int
    wanted_dag: str | None = None


def check_probe(result: dict[str, Any], expected: Expectation, where: str) -> None:
    """Fail loudly unless the probe built exactly the expected DAGs, without import errors."""
    problems = []
    if result["import_errors"]:
        problems.append(f"import errors: {json.dumps(result['import_errors'])[:2000]}")
    if result["dags"] != expected.dags:
        problems.append(f"{result['dags']} DAGs instead of {expected.dags}")
    if result["tasks"] != expected.dags * expected.tasks_per_dag:
        problems.append(f"{result['tasks']} tasks instead of {expected.dags * expected.tasks_per_dag}")
    if result["shape_problems"]:
        problems.append("; ".join(result["shape_problems"]))
    if expected.wanted_dag and not result["wanted_dag_built"]:
        problems.append(f"DAG {expected.wanted_dag} was not built")
    if problems:
        raise BenchmarkError(f"{where}: " + "; ".join(problems))


@dataclass(frozen=True)
class ProbeRun:
    """One child-process measurement: which probe mode, on what, with which expectations."""

    variant: str
    metric: str
    mode: str
    target: Path
    dags_folder: Path
    expected: Expectation
    extra: tuple[str, ...] = ()


def run_probe(run: ProbeRun, home: Path, shape_path: Path, log_dir: Path, label: str) -> Measurement:
    """Run :mod:`parse_probe` once in a fresh interpreter and check what it built."""
    name = f"{run.metric}-{run.variant}-{label}"
    result_path = log_dir / f"{name}.json"
    command = [sys.executable, str(PROBE), run.mode, str(run.target), str(result_path), str(shape_path)]
    command += list(run.extra)
    env = airflow_environment(home, run.dags_folder, run.expected.wanted_dag)
    run_logged(command, env, log_dir / f"{name}.log", cwd=home)
    result = json.loads(result_path.read_text(encoding="utf-8"))
    check_probe(result, run.expected, f"{run.metric} of {run.variant} (log {log_dir / name}.log)")
    return Measurement(run.variant, run.metric, result["seconds"], result["peak_rss_mb"], result)


def migrate(home: Path, dags_folder: Path) -> Path:
    """``airflow db migrate`` into ``home``; keep a copy of the empty DB; return the copy."""
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    command = [sys.executable, "-m", "airflow", "db", "migrate"]
    run_logged(command, airflow_environment(home, dags_folder), home / "logs" / "migrate.log", cwd=home)
    pristine = home / "airflow.db.migrated"
    shutil.copy2(home / "airflow.db", pristine)
    return pristine


def tree_rss_mb(members: list[psutil.Process]) -> float:
    """Resident memory of these processes together, in MiB."""
    total = 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def process_tree(process: psutil.Process) -> list[psutil.Process]:
    """A process and all its descendants (empty once it has gone)."""
    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return []


def run_sampling_rss(
    command: list[str], env: dict[str, str], log_path: Path, cwd: Path
) -> tuple[float, float]:
    """Run ``command``; return wall-clock seconds and the peak RSS of its process tree (sampled).

    The clock stops when the command exits; afterwards any descendant still running (e.g. a
    file processor finishing its DB session) is waited for, so that the DB can be read safely.
    """
    peak = 0.0
    seen: dict[int, psutil.Process] = {}
    with log_path.open("w") as log:
        started = time.perf_counter()
        child = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        watched = psutil.Process(child.pid)
        while child.poll() is None:
            members = process_tree(watched)
            seen.update((member.pid, member) for member in members)
            peak = max(peak, tree_rss_mb(members))
            if time.perf_counter() - started > CHILD_TIMEOUT_SECONDS:
                child.kill()
                raise BenchmarkError(f"{' '.join(command[1:4])} timed out; see {log_path}")
            time.sleep(RSS_POLL_SECONDS)
        seconds = time.perf_counter() - started
    _, alive = psutil.wait_procs([p for pid, p in seen.items() if pid != child.pid], timeout=120)
    if alive:
        raise BenchmarkError(f"processes {[p.pid for p in alive]} of {command[1:4]} did not exit")
    if child.returncode != 0:
        raise BenchmarkError(f"{' '.join(command[1:4])} exited with {child.returncode}; see {log_path}")
    return seconds, peak


def recorded_dags(database: Path) -> dict[str, Any]:
    """What the dag-processor wrote: DAGs, serialized versions, import errors, parse duration."""
    queries = {
        "dags": "SELECT COUNT(*) FROM dag WHERE NOT is_stale",
        "serialized_dags": "SELECT COUNT(DISTINCT dag_id) FROM serialized_dag",
        "serialized_rows": "SELECT COUNT(*) FROM serialized_dag",
        "import_errors": "SELECT COUNT(*) FROM import_error",
        "last_parse_duration": "SELECT MAX(last_parse_duration) FROM dag",
    }
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return {key: connection.execute(sql).fetchone()[0] for key, sql in queries.items()}


def check_recorded(recorded: dict[str, Any], count: int, where: str) -> None:
    """Fail loudly unless the DB holds ``count`` current DAGs, all serialized, and no import errors."""
    if recorded["dags"] != count or recorded["serialized_dags"] != count or recorded["import_errors"]:
        raise BenchmarkError(f"{where}: the dag-processor recorded {recorded}, expected {count} DAGs")


def restore_database(pristine: Path, database: Path) -> None:
    """Replace ``database`` with ``pristine``; drop SQLite's WAL files, which would be replayed."""
    for suffix in ("-wal", "-shm", "-journal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copy2(pristine, database)


@dataclass(frozen=True)
class CycleRun:
    """dag-processor cycles of one variant: a fresh DB, then an unchanged re-parse."""

    variant: str
    dags_folder: Path
    count: int


def run_cycles(run: CycleRun, home: Path, pristine_db: Path, label: str) -> Iterator[Measurement]:
    """Restore the freshly migrated DB, then time two ``airflow dag-processor -n 1`` runs."""
    restore_database(pristine_db, home / "airflow.db")
    env = airflow_environment(home, run.dags_folder)
    command = [sys.executable, "-m", "airflow", "dag-processor", "-n", "1"]
    for metric in ("processor_fresh", "processor_reparse"):
        log_path = home / "logs" / f"{metric}-{label}.log"
        seconds, peak = run_sampling_rss(command, env, log_path, cwd=home)
        recorded = recorded_dags(home / "airflow.db")
        check_recorded(recorded, run.count, f"{metric} of {run.variant} (log {log_path})")
        yield Measurement(run.variant, metric, seconds, peak, recorded)
