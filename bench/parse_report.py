"""Summarise parsing-benchmark measurements: medians, ratios, targets, and the Markdown section."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from parse_runs import Measurement

OURS = "ours"
DAGFACTORY = "dagfactory"
HANDWRITTEN = "handwritten"
TASK_START_LIMIT_SECONDS = 0.050
TIMES = "\N{MULTIPLICATION SIGN}"
NONE = "\N{EN DASH}"

VARIANT_LABELS = {
    OURS: "ours: JSON specs + `aggregator_loader.py`",
    DAGFACTORY: "dag-factory 1.1.0: YAML + `load_yaml_dags`",
    HANDWRITTEN: "hand-written loop, `PipelineNodeOperator`",
    "handwritten_empty": "hand-written loop, `EmptyOperator`",
}
METRIC_LABELS = {
    "inprocess": "in-process `DagBag` fill",
    "processor_fresh": "`airflow dag-processor -n 1`, empty DB",
    "processor_reparse": "`airflow dag-processor -n 1`, re-parse, DAGs unchanged",
    "task_start": "one DAG at task start: run the DAG file",
    "task_start_bag": "one DAG at task start: `BundleDagBag` of the file",
}


@dataclass(frozen=True)
class Summary:
    """The median of one variant's runs of one metric."""

    variant: str
    metric: str
    median: float
    runs: int
    peak_rss_mb: float | None


@dataclass(frozen=True)
class Target:
    """A goal for our variant: a check on the summaries and how to show it."""

    metric: str
    text: str
    measured: Callable[[dict[tuple[str, str], Summary]], float | None]
    holds: Callable[[float], bool]
    unit: str
    short: str
    """The goal in a few words, for the results table."""


def summarise(measurements: Iterable[Measurement]) -> dict[tuple[str, str], Summary]:
    """Median seconds and highest peak RSS per (variant, metric)."""
    groups: dict[tuple[str, str], list[Measurement]] = {}
    for measurement in measurements:
        groups.setdefault((measurement.variant, measurement.metric), []).append(measurement)
    summaries = {}
    for (variant, metric), group in groups.items():
        rss = [m.peak_rss_mb for m in group if m.peak_rss_mb is not None]
        summaries[(variant, metric)] = Summary(
            variant,
            metric,
            statistics.median(m.seconds for m in group),
            len(group),
            max(rss) if rss else None,
        )
    return summaries


def ratio(
    summaries: dict[tuple[str, str], Summary], metric: str, variant: str, baseline: str
) -> float | None:
    """``variant`` median / ``baseline`` median for ``metric``, when both were measured."""
    mine, theirs = summaries.get((variant, metric)), summaries.get((baseline, metric))
    if mine is None or theirs is None or theirs.median == 0:
        return None
    return mine.median / theirs.median


def _speedup_over_dagfactory(summaries: dict[tuple[str, str], Summary]) -> float | None:
    return ratio(summaries, "inprocess", DAGFACTORY, OURS)


def _ratio_to_handwritten(metric: str) -> Callable[[dict[tuple[str, str], Summary]], float | None]:
    return lambda summaries: ratio(summaries, metric, OURS, HANDWRITTEN)


def _seconds_of(metric: str) -> Callable[[dict[tuple[str, str], Summary]], float | None]:
    def seconds(summaries: dict[tuple[str, str], Summary]) -> float | None:
        found = summaries.get((OURS, metric))
        return found.median if found else None

    return seconds


TARGETS = (
    Target(
        "inprocess",
        f"in-process fill ≥ 3{TIMES} faster than dag-factory (dag-factory ÷ ours)",
        _speedup_over_dagfactory,
        lambda value: value >= 3.0,
        TIMES,
        f"≥ 3{TIMES} faster than dag-factory",
    ),
    Target(
        "inprocess",
        f"in-process fill ≤ 1.3{TIMES} the hand-written loop (ours ÷ hand-written)",
        _ratio_to_handwritten("inprocess"),
        lambda value: value <= 1.3,
        TIMES,
        f"≤ 1.3{TIMES} hand-written",
    ),
    Target(
        "processor_fresh",
        f"dag-processor cycle, empty DB ≤ 1.3{TIMES} the hand-written loop file",
        _ratio_to_handwritten("processor_fresh"),
        lambda value: value <= 1.3,
        TIMES,
        f"≤ 1.3{TIMES} hand-written",
    ),
    Target(
        "processor_reparse",
        f"dag-processor cycle, re-parse ≤ 1.3{TIMES} the hand-written loop file",
        _ratio_to_handwritten("processor_reparse"),
        lambda value: value <= 1.3,
        TIMES,
        f"≤ 1.3{TIMES} hand-written",
    ),
    Target(
        "task_start",
        "one DAG at task start (run the DAG file) ≤ 50 ms",
        _seconds_of("task_start"),
        lambda value: value <= TASK_START_LIMIT_SECONDS,
        "s",
        "≤ 50 ms",
    ),
    Target(
        "task_start_bag",
        "one DAG at task start (`BundleDagBag` of the file) ≤ 50 ms",
        _seconds_of("task_start_bag"),
        lambda value: value <= TASK_START_LIMIT_SECONDS,
        "s",
        "≤ 50 ms",
    ),
)


def target_results(
    summaries: dict[tuple[str, str], Summary],
) -> list[tuple[Target, float | None, bool | None]]:
    """Each target with its measured value and whether it is met (None: not measured)."""
    results = []
    for target in TARGETS:
        value = target.measured(summaries)
        results.append((target, value, None if value is None else target.holds(value)))
    return results


def _format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.2f}{unit}"


def _format_ratio(value: float | None) -> str:
    if value is None:
        return NONE
    return f"{value:.2f}{TIMES}" if value >= 0.1 else f"{value:.3f}{TIMES}"


def _yes_no(met: bool | None) -> str:
    return "n/a" if met is None else ("yes" if met else "**no**")


def results_table(summaries: dict[tuple[str, str], Summary]) -> list[str]:
    """One row per (metric, variant) with medians, ratios, memory, targets and verdicts."""
    lines = [
        "| Metric | Variant | Runs | Median | vs hand-written | vs dag-factory | Peak RSS | Target | Met |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    verdicts = target_results(summaries)
    for metric, metric_label in METRIC_LABELS.items():
        for variant, variant_label in VARIANT_LABELS.items():
            summary = summaries.get((variant, metric))
            if summary is None:
                continue
            target_text, met_text = "", ""
            if variant == OURS:
                mine = [(t, met) for t, _, met in verdicts if t.metric == metric]
                target_text = "; ".join(t.short for t, _ in mine)
                met_text = "; ".join(_yes_no(met) for _, met in mine)
            rss = NONE if summary.peak_rss_mb is None else f"{summary.peak_rss_mb:.0f} MiB"
            lines.append(
                f"| {metric_label} | {variant_label} | {summary.runs} | {_format_value(summary.median, 's')} "
                f"| {_format_ratio(ratio(summaries, metric, variant, HANDWRITTEN))} "
                f"| {_format_ratio(ratio(summaries, metric, variant, DAGFACTORY))} "
                f"| {rss} | {target_text} | {met_text} |"
            )
    return lines


def targets_table(summaries: dict[tuple[str, str], Summary]) -> list[str]:
    """The targets one by one with the measured value."""
    lines = ["| Target | Measured | Met |", "|---|---:|---|"]
    for target, value, met in target_results(summaries):
        lines.append(f"| {target.text} | {_format_value(value, target.unit)} | {_yes_no(met)} |")
    return lines


def replace_section(document: Path, heading: str, section: str) -> None:
    """Write ``section`` (starting with ``heading``) into ``document``, replacing an older copy."""
    body = document.read_text(encoding="utf-8") if document.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading.split('(')[0])}.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(body):
        body = pattern.sub(lambda _: section, body, count=1)
    else:
        body = body.rstrip("\n") + "\n\n" + section
    document.parent.mkdir(parents=True, exist_ok=True)
    document.write_text(body.rstrip("\n") + "\n", encoding="utf-8")


@dataclass(frozen=True)
class RunContext:
    """Where and how the benchmark ran, for the report."""

    date: str
    machine: str
    count: int
    reps: int
    cycle_reps: int
    wanted_dag: str
    load_before: str
    load_after: str
    command: str
    total_minutes: float
    revision: str = "unknown"
    """The product's git commit, flagged when its code had uncommitted or mid-run changes."""


def processor_details(measurements: Iterable[Measurement]) -> list[str]:
    """What each dag-processor run recorded in the DB, one table row per run."""
    lines = [
        "| Variant | Run | Wall clock | `dag.last_parse_duration` (max) | DAGs | `serialized_dag` rows |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for m in measurements:
        if not m.metric.startswith("processor_"):
            continue
        parse = m.details.get("last_parse_duration")
        parse_text = "n/a" if parse is None else f"{parse:.2f} s"
        lines.append(
            f"| {VARIANT_LABELS[m.variant]} | {METRIC_LABELS[m.metric].split(', ', 1)[1]} "
            f"| {m.seconds:.2f} s | {parse_text} | {m.details['dags']} | {m.details['serialized_rows']} |"
        )
    return lines


def timeout_notes(measurements: list[Measurement]) -> list[str]:
    """Variants whose slowest run would not fit Airflow's default timeouts (30 s import, 50 s processor).

    The import timeout covers executing one DAG file: the in-process fill and the task-start
    runs. The file-processor timeout covers the dag-processor's parse of the file.
    """
    notes = []
    for variant, label in VARIANT_LABELS.items():
        imports = [
            m.seconds for m in measurements if m.variant == variant and not m.metric.startswith("processor_")
        ]
        parses = [
            m.details.get("last_parse_duration") or 0.0
            for m in measurements
            if m.variant == variant and m.metric.startswith("processor_")
        ]
        too_slow = []
        over = [seconds for seconds in imports if seconds > 30]
        if over:
            too_slow.append(
                f"{len(over)} of {len(imports)} file executions took longer than `dagbag_import_timeout`"
                f" (30 s), up to {max(over):.1f} s"
            )
        if parses and max(parses) > 50:
            too_slow.append(
                f"dag-processor file parse {max(parses):.1f} s > `dag_file_processor_timeout` 50 s"
            )
        if too_slow:
            notes.append(f"- {label}: " + "; ".join(too_slow) + ".")
    return notes or ["- Every run of every variant fit within Airflow's default timeouts."]
