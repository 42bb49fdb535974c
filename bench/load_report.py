"""The section "Loads: CSV and PostgreSQL into PostgreSQL" of ``docs/benchmarks.md`` and its targets."""

from __future__ import annotations

from dataclasses import dataclass

from bench_targets import Target, Verdict, check_targets, verdicts_table
from load_pipeline import task_node_seconds
from load_runs import LoadResult

HEADING = "## Loads: CSV and PostgreSQL into PostgreSQL"
TIMES = "\N{MULTIPLICATION SIGN}"
RSS_LIMIT_MIB = 500

LABELS = {
    "ours_csv": ("CSV → PostgreSQL", "ours: `source.file` → `sink.sql` (append)"),
    "psql_copy": ("CSV → PostgreSQL", "`psql \\copy … CSV HEADER`"),
    "to_sql": ("CSV → PostgreSQL", "pandas `read_csv` + `to_sql` (defaults)"),
    "ours_table": ("PostgreSQL → PostgreSQL", "ours: `source.sql` → `sink.sql` (append)"),
    "psql_pipe": ("PostgreSQL → PostgreSQL", "`psql COPY … TO STDOUT \\| psql COPY … FROM STDIN`"),
    "ours_large": ("large CSV → PostgreSQL", "ours: `source.file` → `sink.sql` (append)"),
}


@dataclass(frozen=True)
class Context:
    """Where and how the benchmark ran."""

    date: str
    machine: str
    postgres: str
    revision: str
    command: str
    rows: int
    large_bytes: int
    load_before: str
    load_after: str
    total_minutes: float
    quick: bool


def throughput_ratio(
    results: dict[str, LoadResult], ours: str, other: str, basis: str = "load"
) -> float | None:
    """Our rows/s divided by the other loader's (above 1: ours is faster).

    :param basis: Our time: ``load`` (the seconds the operator measured around the node's work),
        ``tasks`` (Airflow's task durations) or ``wall`` (the whole command).
    """
    if ours not in results or other not in results:
        return None
    result = results[ours]
    seconds = {
        "load": result.seconds,
        "tasks": result.details.get("task_seconds"),
        "wall": result.wall_seconds,
    }[basis]
    return result.rows / seconds / results[other].rows_per_second


def _large_rss(results: dict[str, LoadResult]) -> float | None:
    found = results.get("ours_large")
    return found.tree_peak_mib if found else None


TARGETS = (
    Target(
        f"CSV → PostgreSQL ≥ 1.0{TIMES} `psql \\copy` throughput (load time)",
        lambda r: throughput_ratio(r, "ours_csv", "psql_copy"),
        lambda v: v >= 1.0,
        TIMES,
    ),
    Target(
        f"CSV → PostgreSQL ≥ 20{TIMES} `to_sql` throughput (load time)",
        lambda r: throughput_ratio(r, "ours_csv", "to_sql"),
        lambda v: v >= 20.0,
        TIMES,
    ),
    Target(
        f"large CSV with peak RSS ≤ {RSS_LIMIT_MIB} MB (whole process tree)",
        _large_rss,
        lambda v: v <= RSS_LIMIT_MIB,
        " MiB",
    ),
)


def target_results(results: dict[str, LoadResult]) -> list[Verdict]:
    """Each target with its measured value and verdict (``None``: not measured)."""
    return check_targets(TARGETS, results)


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _rate(value: float) -> str:
    return f"{value:,.0f}"


def results_table(results: dict[str, LoadResult]) -> list[str]:
    """One row per load."""
    lines = [
        "| Load | Loader | Rows | Load time | Rows/s | Whole command | Peak RSS, process tree "
        "| Peak RSS, largest process |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for variant, (load, loader) in LABELS.items():
        result = results.get(variant)
        if result is None:
            continue
        lines.append(
            f"| {load} | {loader} | {result.rows:,} | {_seconds(result.seconds)} "
            f"| {_rate(result.rows_per_second)} | {_seconds(result.wall_seconds)} "
            f"| {result.tree_peak_mib:.0f} MiB | {result.process_peak_mib:.0f} MiB |"
        )
    return lines


def ratios_table(results: dict[str, LoadResult]) -> list[str]:
    """Throughput ratios on our load time, on Airflow's task durations and on the whole command."""
    pairs = (
        ("ours_csv", "psql_copy", "CSV: ours ÷ `psql \\copy`"),
        ("ours_csv", "to_sql", "CSV: ours ÷ `to_sql`"),
        ("ours_table", "psql_pipe", "PostgreSQL: ours ÷ psql pipe"),
    )
    lines = [
        "| Throughput ratio | Load time (target basis) | Airflow task durations | Whole `aggregator run` |",
        "|---|---:|---:|---:|",
    ]
    for ours, other, text in pairs:
        ratios = [throughput_ratio(results, ours, other, basis) for basis in ("load", "tasks", "wall")]
        if None in ratios:
            continue
        lines.append(f"| {text} | " + " | ".join(f"{value:.3f}{TIMES}" for value in ratios) + " |")
    return lines


def tasks_table(results: dict[str, LoadResult]) -> list[str]:
    """Our runs split into their tasks, and each task into the nodes that streamed into it."""
    lines = [
        "| Run | Task | Airflow task duration | Operator-measured (load time) | Rows/s (load time) "
        "| Peak RSS, process tree, during the task |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for variant, result in results.items():
        for task_id, task in result.details.get("tasks", {}).items():
            inside = task_node_seconds(task["metrics"])
            lines.append(
                f"| {LABELS[variant][0]} | `{task_id}` | {_seconds(task['seconds'])} | {_seconds(inside)} "
                f"| {_rate(result.rows / inside) if inside else 'n/a'} "
                f"| {task.get('tree_peak_mib', 0):.0f} MiB |"
            )
            for node_id, node in (task["metrics"].get("fused_nodes") or {}).items():
                seconds = _seconds(node["seconds"])
                lines.append(f"| | ↳ `{node_id}`, streaming into `{task_id}` | | {seconds} | | |")
            if task["metrics"].get("fused_nodes"):
                own = task["metrics"].get("seconds") or 0.0
                lines.append(f"| | ↳ `{task_id}` itself | | {_seconds(own)} | | |")
    for variant, result in results.items():
        before = result.details.get("tree_mib_before_tasks")
        if before:
            lines.append(f"| {LABELS[variant][0]} | before the first task | | | | {before:.0f} MiB |")
    return lines


def targets_table(results: dict[str, LoadResult]) -> list[str]:
    return verdicts_table(target_results(results))
