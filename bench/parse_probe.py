"""One measurement of the parsing benchmark, run in a fresh Python process.

Usage::

    python bench/parse_probe.py dagbag <bundle root> <result.json> <shape.json>
    python bench/parse_probe.py task-start <dag file> <result.json> <shape.json> <dag id>
    python bench/parse_probe.py task-start-bag <dag file> <result.json> <shape.json> <dag id> <bundle root>

Airflow is imported before the clock starts; only the DagBag fill (``dagbag``), the
execution of the DAG file as a module (``task-start``), or the ``BundleDagBag`` of one
file the way the task runner builds it (``task-start-bag``) is timed. For task start the
caller sets ``_AIRFLOW_PARSING_CONTEXT_DAG_ID``. This module imports nothing of the
product, so the product's own import cost stays inside the timed section.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import airflow  # noqa: F401 - imported before timing, as in every Airflow process
from airflow.dag_processing.dagbag import BundleDagBag, DagBag
from airflow.sdk import DAG


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``action``; return the wall-clock seconds it took and its result."""
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def shape_problems(dags: Iterable[Any], shape: dict[str, Any]) -> list[str]:
    """Differences between each DAG's tasks and dependencies and the expected shape."""
    expected_tasks = set(shape["task_ids"])
    expected_edges = {tuple(edge) for edge in shape["edges"]}
    problems = []
    for dag in dags:
        tasks = set(dag.task_ids)
        edges = {(up, task.task_id) for task in dag.tasks for up in task.upstream_task_ids}
        if tasks != expected_tasks or edges != expected_edges:
            problems.append(f"{dag.dag_id}: {len(tasks)} tasks, {len(edges)} dependencies, not the shape")
    return problems


def fill_dagbag(root: str) -> tuple[float, dict[str, Any], dict[str, str]]:
    """Time ``DagBag(dag_folder=root)``; return seconds, DAGs and import errors."""
    seconds, bag = timed(lambda: DagBag(dag_folder=root))
    return seconds, bag.dags, dict(bag.import_errors)


def exec_dag_file(path: str) -> tuple[float, dict[str, Any], dict[str, str]]:
    """Time executing the DAG file as a fresh module; return seconds, DAGs and no errors."""
    spec = importlib.util.spec_from_file_location("unusual_prefix_bench_dag_file", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    seconds, _ = timed(lambda: spec.loader.exec_module(module))
    dags = {value.dag_id: value for value in vars(module).values() if isinstance(value, DAG)}
    return seconds, dags, {}


def bag_dag_file(path: str, root: str) -> tuple[float, dict[str, Any], dict[str, str]]:
    """Time the ``BundleDagBag`` of one file, built as Airflow's task runner builds it."""
    seconds, bag = timed(
        lambda: BundleDagBag(
            dag_folder=path,
            safe_mode=False,
            load_op_links=False,
            bundle_path=Path(root),
            bundle_name="bench",
        )
    )
    return seconds, bag.dags, dict(bag.import_errors)


def measure(mode: str, target: str, extra: list[str]) -> tuple[float, dict[str, Any], dict[str, str]]:
    """Run the measurement ``mode`` on ``target``."""
    if mode == "dagbag":
        return fill_dagbag(target)
    if mode == "task-start":
        return exec_dag_file(target)
    if mode == "task-start-bag":
        return bag_dag_file(target, extra[1])
    raise SystemExit(f"unknown mode {mode!r}")


def main(argv: list[str]) -> None:
    """Measure once and write seconds, DAG and task counts, problems and memory as JSON."""
    mode, target, result_path, shape_path, *extra = argv
    shape = json.loads(Path(shape_path).read_text(encoding="utf-8"))
    rss_before = peak_rss_mb()
    seconds, dags, errors = measure(mode, target, extra)
    wanted = extra[0] if extra else None
    result = {
        "mode": mode,
        "seconds": seconds,
        "dags": len(dags),
        "tasks": sum(len(dag.tasks) for dag in dags.values()),
        "import_errors": errors,
        "shape_problems": shape_problems(dags.values(), shape)[:5],
        "wanted_dag_built": wanted in dags if wanted else None,
        "peak_rss_mb_before": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }
    Path(result_path).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
