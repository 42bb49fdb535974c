"""Each loader of the benchmark, run once on a fresh table and checked against the file's checksum."""

from __future__ import annotations

import json
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from load_data import Checksum
from load_database import PSQL, SQLALCHEMY_URL, reset_table, verify
from load_measure import measure_command
from load_pipeline import csv_to_table_spec, run_pipeline, table_to_table_spec

BENCH_DIR = Path(__file__).resolve().parent
TIMESTAMP_COLUMNS = ("created_at", "shipped_at")


@dataclass(frozen=True)
class LoadResult:
    """One measured load.

    :param variant: Key of the loader, e.g. ``ours_csv``.
    :param rows: Rows the target table holds (checked).
    :param seconds: The load's own time: for ours the operator-measured seconds of the node
        tasks, for pandas ``read_csv`` + ``to_sql``, for psql the whole command.
    :param wall_seconds: Wall clock of the whole command, start-up included.
    :param tree_peak_mib: Peak RSS summed over the command's process tree (sampled).
    :param process_peak_mib: Peak RSS of its largest single process (exact).
    """

    variant: str
    rows: int
    seconds: float
    wall_seconds: float
    tree_peak_mib: float
    process_peak_mib: float
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds


@dataclass(frozen=True)
class Setup:
    """Where a run keeps its files, and the environment of our pipeline's processes."""

    workdir: Path
    home: Path
    logs: Path
    env: dict[str, str]


def ours_csv(setup: Setup, variant: str, csv: Path, table: str, expected: Checksum) -> LoadResult:
    """``source.file`` → ``sink.sql`` through ``aggregator run``."""
    reset_table(table)
    spec = csv_to_table_spec(f"load_bench_{table}", csv, table)
    return _pipeline_result(setup, variant, spec, table, expected)


def ours_table(setup: Setup, variant: str, source: str, table: str, expected: Checksum) -> LoadResult:
    """``source.sql`` → ``sink.sql`` through ``aggregator run``."""
    reset_table(table)
    spec = table_to_table_spec(f"load_bench_{table}", source, table)
    return _pipeline_result(setup, variant, spec, table, expected)


def _pipeline_result(setup: Setup, variant: str, spec: str, table: str, expected: Checksum) -> LoadResult:
    """Ours: load time is what the operators measured around the nodes' work, summed over the nodes.

    The tasks' Airflow durations are kept beside it: under ``dag.test()`` the first task's also
    holds the start of the in-process Execution API (about 10 s), which no load pays in a deployment.
    """
    run = run_pipeline(spec, setup.workdir, setup.home, setup.logs / f"{variant}.log", setup.env)
    verify(table, expected)
    operator_seconds = run.node_seconds
    return LoadResult(
        variant,
        expected.rows,
        operator_seconds,
        run.command.seconds,
        run.command.tree_peak_mib,
        run.command.process_peak_mib,
        {
            "tasks": {
                task.task_id: {
                    "seconds": task.seconds,
                    "metrics": task.metrics,
                    "tree_peak_mib": run.command.tree_peak_between(task.start, task.end),
                }
                for task in run.tasks
            },
            "task_seconds": run.task_seconds,
            "tree_mib_before_tasks": run.command.tree_peak_between(0.0, min(t.start for t in run.tasks)),
        },
    )


def psql_copy(setup: Setup, variant: str, csv: Path, table: str, expected: Checksum) -> LoadResult:
    r"""``psql -c "\copy TABLE FROM 'file' CSV HEADER"``."""
    reset_table(table)
    command = [*PSQL, "-c", f"\\copy {table} FROM '{csv}' CSV HEADER"]
    run = measure_command(command, setup.logs / f"{variant}.log")
    verify(table, expected)
    return LoadResult(
        variant, expected.rows, run.seconds, run.seconds, run.tree_peak_mib, run.process_peak_mib
    )


def psql_pipe(setup: Setup, variant: str, source: str, table: str, expected: Checksum) -> LoadResult:
    """``psql -c "COPY (SELECT * FROM source) TO STDOUT" | psql -c "COPY table FROM STDIN"``."""
    reset_table(table)
    out = shlex.join([*PSQL, "-c", f"COPY (SELECT * FROM {source}) TO STDOUT"])
    into = shlex.join([*PSQL, "-c", f"COPY {table} FROM STDIN"])
    command = ["bash", "-c", f"set -o pipefail; {out} | {into}"]
    run = measure_command(command, setup.logs / f"{variant}.log")
    verify(table, expected)
    return LoadResult(
        variant, expected.rows, run.seconds, run.seconds, run.tree_peak_mib, run.process_peak_mib
    )


def pandas_to_sql(setup: Setup, variant: str, csv: Path, table: str, expected: Checksum) -> LoadResult:
    """``pd.read_csv`` then ``DataFrame.to_sql`` with its defaults, in a process of its own."""
    reset_table(table)
    command = [
        sys.executable,
        str(BENCH_DIR / "load_to_sql.py"),
        str(csv),
        SQLALCHEMY_URL,
        table,
        "--parse-dates",
        *TIMESTAMP_COLUMNS,
    ]
    log = setup.logs / f"{variant}.log"
    run = measure_command(command, log)
    verify(table, expected)
    steps = json.loads(log.read_text().strip().splitlines()[-1])
    return LoadResult(
        variant,
        expected.rows,
        steps["read_csv_seconds"] + steps["to_sql_seconds"],
        run.seconds,
        run.tree_peak_mib,
        run.process_peak_mib,
        steps,
    )
