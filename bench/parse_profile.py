"""Where the time of our loader goes on a bundle of specs: phase totals, or a cProfile listing.

Usage::

    .venv-bench/bin/python bench/parse_profile.py [--bundle DIR] [--count 1000] [--cprofile 40]

``--bundle`` is a folder holding ``aggregator_loader.py`` and its specs; by default the bundle
of the last ``parse_bench.py`` run, or a new one of ``--count`` specs in a temporary folder.
Airflow is imported first, as in every Airflow process; the product's own imports, the
component registry and each phase of building the DAGs are then timed separately. Phase
times are measured by wrapping the product's functions, so they add up to a bit more than
an unwrapped run.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import importlib.util
import pstats
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_BUNDLE = BENCH_DIR / "results" / "work" / "bundles" / "ours" / "pipelines" / "bench"
LOADER = "aggregator_loader.py"

totals: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="folder with aggregator_loader.py and specs")
    parser.add_argument("--count", type=int, default=1000, help="specs when a bundle must be made")
    parser.add_argument("--cprofile", type=int, metavar="N", help="print the top N functions instead")
    return parser.parse_args(argv)


def make_bundle(folder: Path, count: int) -> Path:
    """Write ``count`` benchmark specs in a separate process, so this one imports nothing yet."""
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
        "from parse_bundles import write_ours; "
        "print(write_ours(Path(sys.argv[2]), int(sys.argv[3])).dag_file)"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(BENCH_DIR), str(folder), str(count)],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(output.stdout.strip()).parent


def timing(key: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, adding its wall-clock time under ``key`` (outermost calls only, if recursive)."""
    depth = [0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:
            return function(*args, **kwargs)
        depth[0] += 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[key] += time.perf_counter() - started
            calls[key] += 1
            depth[0] -= 1

    return timed


def wrap(module_name: str, attribute: str, key: str) -> None:
    """Replace ``module.attribute`` by a timed version of itself (nothing if it does not exist)."""
    module = importlib.import_module(module_name)
    if hasattr(module, attribute):
        setattr(module, attribute, timing(key, getattr(module, attribute)))


def wrap_method(module_name: str, class_name: str, attribute: str, key: str) -> None:
    """Replace a method or property of a class by a timed version (nothing if it does not exist)."""
    owner = getattr(importlib.import_module(module_name), class_name, None)
    current = vars(owner).get(attribute) if owner is not None else None
    if isinstance(current, property):
        setattr(owner, attribute, property(timing(key, current.fget)))
    elif current is not None:
        setattr(owner, attribute, timing(key, current))


def instrument() -> None:
    """Time each phase of reading, validating and compiling a spec.

    Only calls that happen are listed; e.g. the component registry is not consulted at task start.
    """
    source_map = "dag_factory.spec.source_map"
    wrap("dag_factory.spec.parsing", "default_registry", "0 component registry (first call discovers)")
    wrap("dag_factory.bundle.loader", "load_spec_file", "1 load_spec_file (read+parse+validate)")
    wrap("dag_factory.spec.parsing", "read_spec_text", "1.1 read the file")
    wrap("dag_factory.spec.parsing", "read_document", "1.2 read_document (JSON + source map)")
    wrap("json", "loads", "1.2.1 json.loads")
    wrap("yaml", "compose", "1.2.2 yaml.compose (YAML specs, or JSON positions for issues)")
    wrap_method(source_map, "_Walker", "size", "1.2.3 source map: _Walker.size")
    wrap_method(source_map, "_Walker", "walk", "1.2.4 source map: _Walker.walk")
    wrap("dag_factory.spec.parsing", "validate_data", "1.3 validate_data (pydantic, registry, graph)")
    wrap("dag_factory.compiler.compile", "compile_pipeline", "2 compile_pipeline")
    wrap_method("dag_factory.spec.models", "PipelineSpec", "content_hash", "2.1 PipelineSpec.content_hash")
    wrap("airflow.sdk", "DAG", "2.2 DAG(...)")
    wrap("providers.operators.pipeline_node", "PipelineNodeOperator", "2.3 PipelineNodeOperator(...)")


def track_gc() -> None:
    """Add the time spent in garbage collection under its own key."""
    started: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            key = f"gc generation {info['generation']}"
            totals[key] += time.perf_counter() - started.pop()
            calls[key] += 1

    gc.callbacks.append(callback)


def run_loader(folder: Path) -> tuple[float, int]:
    """Execute the loader file as a fresh module; return its wall-clock seconds and DAGs built."""
    spec = importlib.util.spec_from_file_location("unusual_prefix_profile_loader", folder / LOADER)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {folder / LOADER}")
    module = importlib.util.module_from_spec(spec)
    started = time.perf_counter()
    spec.loader.exec_module(module)
    seconds = time.perf_counter() - started
    return seconds, sum(1 for value in vars(module).values() if hasattr(value, "task_dict"))


def timed_import() -> float:
    """Seconds to import the product's loader, compiler, operator and DAG callback."""
    started = time.perf_counter()
    for name in (
        "dag_factory.bundle.loader",
        "dag_factory.compiler.compile",
        "providers.operators.pipeline_node",
        "providers.staging.cleanup",
    ):
        importlib.import_module(name)
    return time.perf_counter() - started


def print_phases(folder: Path, specs: int) -> None:
    """Run the loader once with every phase timed and print the totals."""
    import_seconds = timed_import()
    instrument()
    track_gc()
    total, built = run_loader(folder)
    print(f"bundle: {folder} ({specs} specs, {built} DAGs built)")
    print(f"{'product imports (first use in a process)':<58} {import_seconds:8.3f} s")
    print(f"{'loader run, total':<58} {total:8.3f} s  {total / max(built, 1) * 1000:6.2f} ms/DAG")
    for key in sorted(totals):
        share = totals[key] / total * 100
        print(f"  {key:<56} {totals[key]:8.3f} s  {share:5.1f} %  ({calls[key]} calls)")


def print_cprofile(folder: Path, top: int) -> None:
    """Run the loader once under cProfile and print the top functions."""
    profiler = cProfile.Profile()
    profiler.enable()
    run_loader(folder)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str]) -> None:
    """Find or make the bundle, import Airflow, then time or profile one loader run."""
    options = parse_args(argv)
    folder = options.bundle
    if folder is None:
        folder = DEFAULT_BUNDLE if (DEFAULT_BUNDLE / LOADER).exists() else None
    if folder is None:
        folder = make_bundle(Path(tempfile.mkdtemp(prefix="parse-profile-")), options.count)
    specs = sum(1 for path in folder.iterdir() if path.suffix in (".json", ".yaml", ".yml"))
    import airflow.sdk  # noqa: F401 - as in every Airflow process, before the clock starts
    from airflow.dag_processing.dagbag import DagBag  # noqa: F401

    if options.cprofile:
        print_cprofile(folder, options.cprofile)
    else:
        print_phases(folder, specs)


if __name__ == "__main__":
    main(sys.argv[1:])
