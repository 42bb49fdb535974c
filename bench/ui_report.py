"""The results of the builder benchmark: frame statistics, bundle size, targets against the baseline."""

from __future__ import annotations

import gzip
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_targets import Target, Verdict, check_targets

HEADING = "## Pipeline builder: 200 nodes in the browser"
FIRST_RENDER_LIMIT_MS = 1000.0
FRAME_LIMIT_MS = 50.0
BUNDLE_LIMIT_BYTES = 1024 * 1024
INTERACTIONS = {
    "drag": "dragging a node",
    "pan": "panning the canvas",
    "zoom": "zooming (mouse wheel)",
    "typing": "typing in a node's config field",
}
BASELINE_OF = {"pan": "graphPan"}
"""Interactions measured on Airflow's Graph view too, by the name of its run entry."""


@dataclass(frozen=True)
class FrameStats:
    """Frame times (requestAnimationFrame deltas) of one interaction, in milliseconds."""

    frames: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    long_tasks: int
    longest_task_ms: float

    @classmethod
    def of(cls, recorded: dict[str, list[float]]) -> FrameStats:
        """Statistics of one recording: ``{"frames": [...], "longTasks": [...]}``."""
        frames = sorted(recorded["frames"])
        if not frames:
            raise ValueError("an interaction recorded no frames")
        return cls(
            frames=len(frames),
            p50_ms=percentile(frames, 50),
            p95_ms=percentile(frames, 95),
            max_ms=frames[-1],
            long_tasks=len(recorded["longTasks"]),
            longest_task_ms=max(recorded["longTasks"], default=0.0),
        )


def percentile(ordered: list[float], percent: float) -> float:
    """The nearest-rank percentile of sorted values."""
    rank = max(1, round(percent / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class BundleSize:
    """The plugin's JavaScript bundle, raw and gzip-compressed (level 9)."""

    raw_bytes: int
    gzip_bytes: int

    @classmethod
    def of(cls, path: Path) -> BundleSize:
        data = path.read_bytes()
        return cls(len(data), len(gzip.compress(data, compresslevel=9)))


@dataclass
class UiResults:
    """Every run's measurements, the bundle's size and the load average of each run."""

    runs: list[dict[str, Any]]
    bundle: BundleSize
    user_agent: str = ""
    page_errors: list[str] = field(default_factory=list)

    def first_render_ms(self, page: str, part: str = "drawnMs") -> float | None:
        """Median over the runs of a first render (``page``: ``builderFirstRender`` or
        ``graphFirstRender`` for a full page load, ``builderOpen`` or ``graphOpen`` opened from
        the list): ``drawnMs`` all nodes and edges drawn, ``dataMs`` the page's data answered,
        ``bundleMs`` the plugin's bundle loaded (None for Airflow's own page), ``airflowScriptMs``
        Airflow's UI script loaded, ``airflowReadyMs`` Airflow's UI ready to render a page;
        ``afterDataMs``, ``afterBundleMs`` and ``afterAirflowReadyMs`` from those to drawn."""
        after = {
            "afterDataMs": "dataMs",
            "afterBundleMs": "bundleMs",
            "afterAirflowReadyMs": "airflowReadyMs",
        }
        start = after.get(part)
        if start is not None:
            timed = [run[page] for run in self.runs if run[page].get(start) is not None]
            spans = [entry["drawnMs"] - entry[start] for entry in timed]
            return statistics.median(spans) if spans else None
        values = [run[page][part] for run in self.runs if run[page].get(part) is not None]
        return statistics.median(values) if values else None

    def frames(self, interaction: str) -> list[FrameStats]:
        """Per run, the frame statistics of an interaction (a key of the run entries)."""
        return [FrameStats.of(run[interaction]) for run in self.runs]

    def median_frames(self, interaction: str, statistic: str) -> float:
        """Median over the runs of one statistic (``p50_ms``, ``p95_ms``, ``max_ms``)."""
        return statistics.median(getattr(found, statistic) for found in self.frames(interaction))

    def load_averages(self) -> list[float]:
        return [run["loadAverage"] for run in self.runs]


Baseline = Callable[[UiResults], float] | None


def _frame_target(interaction: str, statistic: str, label: str) -> tuple[Target, Baseline]:
    target = Target(
        f"{label} frame ≤ {FRAME_LIMIT_MS:.0f} ms while {INTERACTIONS[interaction]}",
        lambda results: results.median_frames(interaction, statistic),
        lambda value: value <= FRAME_LIMIT_MS,
        " ms",
    )
    on_graph = BASELINE_OF.get(interaction)
    baseline = None if on_graph is None else (lambda results: results.median_frames(on_graph, statistic))
    return target, baseline


def _first_render_target(how: str, builder: str, graph: str) -> tuple[Target, Baseline]:
    target = Target(
        f"first render of 200 nodes ≤ {FIRST_RENDER_LIMIT_MS:.0f} ms, {how}",
        lambda results: results.first_render_ms(builder),
        lambda value: value <= FIRST_RENDER_LIMIT_MS,
        " ms",
    )
    return target, lambda results: results.first_render_ms(graph)


TARGETS_AND_BASELINES: tuple[tuple[Target, Baseline], ...] = (
    _first_render_target(
        "full page load (navigation start → all drawn)", "builderFirstRender", "graphFirstRender"
    ),
    _first_render_target("opened from its list (click → all drawn)", "builderOpen", "graphOpen"),
    *(_frame_target(name, "p95_ms", "p95") for name in INTERACTIONS),
    *(_frame_target(name, "max_ms", "longest") for name in INTERACTIONS),
    (
        Target(
            "bundle ≤ 1 MB gzipped (Airflow's shared globals excluded)",
            lambda results: results.bundle.gzip_bytes / 1024,
            lambda value: value <= BUNDLE_LIMIT_BYTES / 1024,
            " KiB",
        ),
        None,
    ),
)
"""Each target, and the same measure on Airflow's Graph view of the 200-task DAG where there is one."""
TARGETS = tuple(target for target, _ in TARGETS_AND_BASELINES)


def target_results(results: UiResults) -> list[Verdict]:
    """Each target with its measured value and verdict."""
    return check_targets(TARGETS, results)


def targets_table(results: UiResults) -> list[str]:
    """Measured against target and against Airflow's Graph view, met or missed."""
    lines = ["| Target | Builder | Airflow Graph view (baseline) | Met |", "|---|---:|---:|---|"]
    baselines = dict(zip(TARGETS, (baseline for _, baseline in TARGETS_AND_BASELINES), strict=True))
    for target, value, met in target_results(results):
        baseline = baselines[target]
        shown = "n/a" if value is None else f"{value:,.0f}{target.unit}"
        measured = None if baseline is None else baseline(results)
        other = "-" if measured is None else f"{measured:,.0f}{target.unit}"
        verdict = "n/a" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {target.text} | {shown} | {other} | {verdict} |")
    return lines


STAT_NAMES = ("frames", "p50_ms", "p95_ms", "max_ms", "long_tasks", "longest_task_ms")


def frames_table(results: UiResults) -> list[str]:
    """Per interaction, the medians over the runs of p50, p95 and the longest frame, and long tasks."""
    lines = [
        "| Page | Interaction | Frames per run | p50 | p95 | Longest | Long tasks per run | Longest task |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [("builder", name, label) for name, label in INTERACTIONS.items()]
    rows += [("Airflow Graph view", "graphPan", INTERACTIONS["pan"])]
    for page, key, label in rows:
        stats = results.frames(key)
        median = {name: statistics.median(getattr(found, name) for found in stats) for name in STAT_NAMES}
        lines.append(
            f"| {page} | {label} | {median['frames']:.0f} | {median['p50_ms']:.1f} ms "
            f"| {median['p95_ms']:.1f} ms | {median['max_ms']:.1f} ms | {median['long_tasks']:.0f} "
            f"| {median['longest_task_ms']:.0f} ms |"
        )
    return lines


FIRST_RENDER_PARTS = {
    "airflowScriptMs": "navigation start to Airflow's UI script loaded (from the browser's cache)",
    "bundleMs": "navigation start to the plugin's bundle loaded",
    "dataMs": "navigation start to the page's data answered",
    "airflowReadyMs": (
        "navigation start to Airflow's UI ready to render a page (`GET /api/v2/plugins` answered)"
    ),
    "afterAirflowReadyMs": "Airflow's UI ready to all nodes and edges drawn: **the page's own part**",
    "afterDataMs": "data answered to all nodes and edges drawn",
    "drawnMs": "**first render** (navigation start to all nodes and edges drawn)",
}


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f} ms"


PAGE_LOADS = {
    "builderFirstRender": "Builder",
    "graphFirstRender": "Airflow Graph view",
    "builderNewTab": "Builder, new tab",
    "graphNewTab": "Airflow Graph view, new tab",
}
"""The full page loads measured: in the tab used so far, and in a new tab."""


def first_render_table(results: UiResults) -> list[str]:
    """Where a full page load's time goes, on both pages, in the same tab and in a new one
    (medians over the runs)."""
    loads = [key for key in PAGE_LOADS if all(key in run for run in results.runs)]
    lines = [
        "| Part | " + " | ".join(PAGE_LOADS[key] for key in loads) + " |",
        "|---|" + "---:|" * len(loads),
    ]
    for part, label in FIRST_RENDER_PARTS.items():
        cells = " | ".join(_ms(results.first_render_ms(key, part)) for key in loads)
        lines.append(f"| {label} | {cells} |")
    return lines


def runs_table(results: UiResults) -> list[str]:
    """Every run's first renders and the load average when it started."""
    loads = [key for key in PAGE_LOADS if all(key in run for run in results.runs)]
    lines = [
        "| Run | Load average (1 min) | "
        + " | ".join(f"{PAGE_LOADS[key]}, page load (Airflow's UI ready at)" for key in loads)
        + " | Builder, from its list | Graph view, from its list |",
        "|---:|---:|" + "---:|" * (len(loads) + 2),
    ]
    for number, run in enumerate(results.runs, start=1):
        loaded = " | ".join(_page_load(run[key]) for key in loads)
        lines.append(
            f"| {number} | {run['loadAverage']:.2f} | {loaded} | {run['builderOpen']['drawnMs']:,.0f} ms "
            f"| {run['graphOpen']['drawnMs']:,.0f} ms |"
        )
    return lines


def _page_load(entry: dict[str, Any]) -> str:
    ready = entry.get("airflowReadyMs")
    return f"{entry['drawnMs']:,.0f} ms" + ("" if ready is None else f" ({ready:,.0f} ms)")
