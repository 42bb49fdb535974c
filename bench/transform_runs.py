"""One run of one contender on one workload: timed, its peak RSS measured, its output checksummed."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from load_measure import measure_command
from load_pipeline import run_pipeline
from load_runs import Setup
from transform_checksum import checksum
from transform_workloads import pipeline_spec

BENCH_DIR = Path(__file__).resolve().parent
BASELINE_STEPS = ("import", "read", "compute", "write")
"""The timed steps of a baseline run, summed into its time."""


@dataclass(frozen=True)
class Inputs:
    """The data files of a run and where its outputs go."""

    fact: Path
    dimension: Path
    rows: int
    outputs: Path


@dataclass(frozen=True)
class RunResult:
    """One measured run.

    :param seconds: The work's own time: for ours the operator-measured node seconds summed over
        the nodes (fused ones included, with the imports they do), for the baselines imports +
        read + compute + write in the process.
    :param wall_seconds: The whole command, interpreter and (for ours) Airflow start-up included.
    :param tree_peak_mib: Peak RSS summed over the command's process tree (sampled every 50 ms).
    :param process_peak_mib: Peak RSS of its largest single process (exact).
    :param rows_out: Rows of the output file.
    :param checksum: :func:`transform_checksum.checksum` of the output.
    """

    seconds: float
    wall_seconds: float
    tree_peak_mib: float
    process_peak_mib: float
    rows_out: int
    checksum: dict[str, float | int]
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TransformResult:
    """All runs of one contender on one workload; times are medians, memory the highest peak.

    :param measured: When and at which product revision the runs were made (``date, revision``);
        a run of some workloads keeps the others' earlier results, labelled with theirs.
    """

    workload: str
    contender: str
    rows_in: int
    runs: list[RunResult]
    measured: str = ""

    @property
    def seconds(self) -> float:
        return median(run.seconds for run in self.runs)

    @property
    def wall_seconds(self) -> float:
        return median(run.wall_seconds for run in self.runs)

    @property
    def tree_peak_mib(self) -> float:
        return max(run.tree_peak_mib for run in self.runs)

    @property
    def process_peak_mib(self) -> float:
        return max(run.process_peak_mib for run in self.runs)

    @property
    def rows_out(self) -> int:
        return self.runs[0].rows_out

    @property
    def rows_per_second(self) -> float:
        return self.rows_in / self.seconds


def run_ours(setup: Setup, inputs: Inputs, workload: str, label: str) -> RunResult:
    """Our spec through ``python -m dag_factory run``; the output is checksummed, then deleted."""
    output = inputs.outputs / f"{label}.parquet"
    dag_id = f"transform_bench_{label}"
    spec = pipeline_spec(workload, dag_id, inputs.fact, inputs.dimension, output)
    run = run_pipeline(spec, setup.workdir, setup.home, setup.logs / f"{label}.log", setup.env)
    # Staged outputs of non-streaming nodes stay under the home; the next run needs the disk.
    shutil.rmtree(setup.home / "aggregator" / "staging" / dag_id, ignore_errors=True)
    sums = _checksum_and_delete(output)
    return RunResult(
        seconds=run.node_seconds,
        wall_seconds=run.command.seconds,
        tree_peak_mib=run.command.tree_peak_mib,
        process_peak_mib=run.command.process_peak_mib,
        rows_out=int(sums["rows"]),
        checksum=sums,
        details={
            "task_seconds": run.task_seconds,
            "tasks": {
                task.task_id: {
                    "seconds": task.seconds,
                    "metrics": task.metrics,
                    "tree_peak_mib": run.command.tree_peak_between(task.start, task.end),
                }
                for task in run.tasks
            },
            "tree_mib_before_tasks": run.command.tree_peak_between(0.0, min(t.start for t in run.tasks)),
        },
    )


def run_baseline(logs: Path, inputs: Inputs, workload: str, library: str, label: str) -> RunResult:
    """``transform_baseline.py`` in a process of its own; the output is checksummed, then deleted."""
    output = inputs.outputs / f"{label}.parquet"
    paths = [inputs.fact, inputs.dimension] if workload == "join" else [inputs.fact]
    script = str(BENCH_DIR / "transform_baseline.py")
    command = [sys.executable, script, library, workload, str(output), *map(str, paths)]
    log = logs / f"{label}.log"
    run = measure_command(command, log)
    steps = json.loads(log.read_text().strip().splitlines()[-1])
    sums = _checksum_and_delete(output)
    return RunResult(
        seconds=sum(steps[f"{step}_seconds"] for step in BASELINE_STEPS),
        wall_seconds=run.seconds,
        tree_peak_mib=run.tree_peak_mib,
        process_peak_mib=run.process_peak_mib,
        rows_out=int(sums["rows"]),
        checksum=sums,
        details=steps,
    )


def _checksum_and_delete(output: Path) -> dict[str, float | int]:
    sums = checksum(output)
    output.unlink()
    return sums
