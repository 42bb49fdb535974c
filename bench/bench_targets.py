"""Targets of a benchmark: the goals from the issue, checked against the results and reported."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Target:
    """A goal: a value computed from the results and whether it holds."""

    text: str
    value: Callable[[Any], float | None]
    holds: Callable[[float], bool]
    unit: str


Verdict = tuple[Target, float | None, bool | None]
"""A target, its measured value and whether it is met (``None``: not measured)."""


def check_targets(targets: Iterable[Target], results: Any) -> list[Verdict]:
    """Each target with its measured value and verdict."""
    verdicts: list[Verdict] = []
    for target in targets:
        value = target.value(results)
        verdicts.append((target, value, None if value is None else target.holds(value)))
    return verdicts


def _shown(target: Target, value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}{target.unit}"


def verdicts_table(verdicts: Iterable[Verdict]) -> list[str]:
    """The Markdown table of the targets."""
    lines = ["| Target | Measured | Met |", "|---|---:|---|"]
    for target, value, met in verdicts:
        verdict = "n/a" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {target.text} | {_shown(target, value)} | {verdict} |")
    return lines


def verdicts_data(verdicts: Iterable[Verdict]) -> list[dict[str, Any]]:
    """The targets as JSON data."""
    return [{"target": target.text, "measured": value, "met": met} for target, value, met in verdicts]


def log_verdicts(verdicts: Iterable[Verdict], log: Callable[[str], None]) -> None:
    """One line per target: met, MISS or n/a."""
    for target, value, met in verdicts:
        verdict = "n/a " if met is None else ("met " if met else "MISS")
        log(f"{verdict} {target.text}: {_shown(target, value)}")


def publish_results(
    doc: Path | None,
    json_path: Path,
    context: Any,
    results: Any,
    section: Callable[[Any, Any], tuple[str, str]],
    targets: Callable[[Any], Iterable[Verdict]],
    log: Callable[[str], None],
) -> None:
    """Write the benchmark's Markdown section into ``doc`` (when given), say what was written,
    and log each target's verdict."""
    from parse_report import replace_section

    if doc:
        heading, text = section(context, results)
        replace_section(doc, heading, text)
    log(f"wrote {json_path}" + (f" and {doc}" if doc else ""))
    log_verdicts(targets(results), log)


def write_results_json(path: Path, context: Any, results: Any, verdicts: Iterable[Verdict]) -> None:
    """A run's raw numbers as indented JSON: its context (a dataclass), its results (JSON-ready
    data) and each target's verdict."""
    import json
    from dataclasses import asdict

    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"context": asdict(context), "results": results, "targets": verdicts_data(verdicts)}
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
