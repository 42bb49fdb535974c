"""The transform benchmark's targets and the tables of its section in ``docs/benchmarks.md``."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench_targets import Target, Verdict, check_targets, verdicts_table
from load_pipeline import task_node_seconds
from transform_runs import BASELINE_STEPS, TransformResult
from transform_workloads import DESCRIPTIONS, WORKLOADS

HEADING = "## Transforms: pipelines beside plain pyarrow and pandas"
TIMES = "\N{MULTIPLICATION SIGN}"
PYARROW_LIMIT = 1.2
MEMORY_GROWTH_LIMIT = 1.1
"""The chain's peak RSS on twice the rows, divided by its peak on the rows: at most this."""
DOUBLE = "chain_double"
"""Key of our chain run on twice the rows."""

Results = dict[str, TransformResult]


@dataclass(frozen=True)
class Context:
    """Where and how the benchmark ran."""

    date: str
    machine: str
    revision: str
    command: str
    rows: int
    runs: int
    load_before: str
    load_after: str
    total_minutes: float
    quick: bool
    workloads: list[str] = field(default_factory=lambda: list(WORKLOADS))
    """The workloads this run measured; the report keeps earlier results of the others."""


def key(workload: str, contender: str) -> str:
    """The results key of a contender's runs on a workload."""
    return f"{workload}_{contender}"


def time_ratio(results: Results, workload: str, other: str, basis: str = "work") -> float | None:
    """Our time divided by the other contender's (below 1: ours is faster).

    :param basis: ``work`` (ours: node seconds; baselines: read + compute + write) or ``wall``
        (the whole command of each).
    """
    ours, theirs = results.get(key(workload, "ours")), results.get(key(workload, other))
    if ours is None or theirs is None:
        return None
    if basis == "wall":
        return ours.wall_seconds / theirs.wall_seconds
    return ours.seconds / theirs.seconds


def memory_growth(results: Results) -> float | None:
    """Peak RSS of our chain on twice the rows ÷ on the rows (process tree)."""
    single, double = results.get(key("chain", "ours")), results.get(DOUBLE)
    if single is None or double is None:
        return None
    return double.tree_peak_mib / single.tree_peak_mib


def _targets() -> tuple[Target, ...]:
    targets = []
    for workload in WORKLOADS:
        title = DESCRIPTIONS[workload].title
        targets.append(
            Target(
                f"{title}: ours ≤ {PYARROW_LIMIT}{TIMES} plain pyarrow time",
                lambda r, w=workload: time_ratio(r, w, "pyarrow"),
                lambda v: v <= PYARROW_LIMIT,
                TIMES,
            )
        )
        targets.append(
            Target(
                f"{title}: ours faster than pandas",
                lambda r, w=workload: time_ratio(r, w, "pandas"),
                lambda v: v < 1.0,
                TIMES,
            )
        )
    targets.append(
        Target(
            f"row-wise chain: peak RSS on 2{TIMES} the rows "
            f"≤ {MEMORY_GROWTH_LIMIT}{TIMES} the peak on the rows",
            memory_growth,
            lambda v: v <= MEMORY_GROWTH_LIMIT,
            TIMES,
        )
    )
    return tuple(targets)


TARGETS = _targets()


def target_results(results: Results) -> list[Verdict]:
    """Each target with its measured value and verdict (``None``: not measured)."""
    return check_targets(TARGETS, results)


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def results_table(results: Results) -> list[str]:
    """One row per workload and contender: our time's ratios to the baselines, when it was measured."""
    lines = [
        "| Workload | Contender | Rows in | Rows out | Time | Rows/s | Ours ÷ pyarrow | Ours ÷ pandas "
        "| Whole command | Peak RSS, process tree | Peak RSS, largest process | Measured |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for workload in WORKLOADS:
        description = DESCRIPTIONS[workload]
        for contender in ("ours", "pyarrow", "pandas"):
            result = results.get(key(workload, contender))
            if result is None:
                continue
            ratios = ["", ""]
            if contender == "ours":
                ratios = [_ratio(time_ratio(results, workload, other)) for other in ("pyarrow", "pandas")]
            lines.append(
                f"| {description.title} | {contender}: {getattr(description, contender)} "
                f"| {result.rows_in:,} | {result.rows_out:,} | {_seconds(result.seconds)} "
                f"| {result.rows_per_second:,.0f} | {ratios[0]} | {ratios[1]} "
                f"| {_seconds(result.wall_seconds)} | {result.tree_peak_mib:.0f} MiB "
                f"| {result.process_peak_mib:.0f} MiB | {result.measured} |"
            )
    return lines


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}{TIMES}"


def wall_ratios_table(results: Results) -> list[str]:
    """Our whole ``aggregator run`` command against the baselines' whole processes."""
    lines = ["| Workload | Whole command: ours ÷ pyarrow | Whole command: ours ÷ pandas |", "|---|---:|---:|"]
    for workload in WORKLOADS:
        ratios = [_ratio(time_ratio(results, workload, other, "wall")) for other in ("pyarrow", "pandas")]
        lines.append(f"| {DESCRIPTIONS[workload].title} | {ratios[0]} | {ratios[1]} |")
    return lines


def memory_table(results: Results) -> list[str]:
    """Our row-wise chain on the rows and on twice the rows."""
    lines = [
        "| Run | Rows in | Time | Peak RSS, process tree | Peak RSS during the chain's task "
        "| Peak RSS, largest process |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, text in ((key("chain", "ours"), "ours, chain"), (DOUBLE, f"ours, chain, 2{TIMES} the rows")):
        result = results.get(name)
        if result is None:
            continue
        during = max(task["tree_peak_mib"] for run in result.runs for task in run.details["tasks"].values())
        lines.append(
            f"| {text} | {result.rows_in:,} | {_seconds(result.seconds)} | {result.tree_peak_mib:.0f} MiB "
            f"| {during:.0f} MiB | {result.process_peak_mib:.0f} MiB |"
        )
    return lines


def tasks_table(results: Results) -> list[str]:
    """Our first run of each workload split into tasks, and each task into the nodes streamed into it."""
    lines = [
        "| Workload | Task | Airflow task duration | Operator-measured "
        "| Peak RSS, process tree, during the task |",
        "|---|---|---:|---:|---:|",
    ]
    for workload in WORKLOADS:
        result = results.get(key(workload, "ours"))
        if result is None:
            continue
        for task_id, task in result.runs[0].details["tasks"].items():
            metrics = task["metrics"]
            lines.append(
                f"| {DESCRIPTIONS[workload].title} | `{task_id}` | {_seconds(task['seconds'])} "
                f"| {_seconds(task_node_seconds(metrics))} | {task['tree_peak_mib']:.0f} MiB |"
            )
            for node_id, node in (metrics.get("fused_nodes") or {}).items():
                seconds = _seconds(node["seconds"])
                lines.append(f"| | ↳ `{node_id}`, streaming into `{task_id}` | | {seconds} | |")
            if metrics.get("fused_nodes"):
                lines.append(f"| | ↳ `{task_id}` itself | | {_seconds(metrics.get('seconds') or 0.0)} | |")
    return lines


def baseline_steps_table(results: Results) -> list[str]:
    """The baselines' time split into importing, reading, computing and writing (medians are of
    the totals); runs made before imports were timed show none."""
    lines = ["| Workload | Contender | Imports | Read | Compute | Write |", "|---|---|---:|---:|---:|---:|"]
    for workload in WORKLOADS:
        for contender in ("pyarrow", "pandas"):
            result = results.get(key(workload, contender))
            if result is None:
                continue
            run = sorted(result.runs, key=lambda r: r.seconds)[len(result.runs) // 2]
            steps = [_step(run.details, step) for step in BASELINE_STEPS]
            lines.append(f"| {DESCRIPTIONS[workload].title} | {contender} | " + " | ".join(steps) + " |")
    return lines


def _step(details: dict, step: str) -> str:
    value = details.get(f"{step}_seconds")
    return "not timed" if value is None else _seconds(value)


def targets_table(results: Results) -> list[str]:
    return verdicts_table(target_results(results))
