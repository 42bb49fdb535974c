"""DAG parsing benchmark: 1,000 pipelines x 10 nodes as our specs, dag-factory YAML and a Python loop.

Run with ``make bench`` or ``.venv-bench/bin/python bench/parse_bench.py``. It writes the bundles and
Airflow homes under ``bench/results/work``, the raw numbers to ``bench/results/parse_bench.json``
and the section "DAG parsing" of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from parse_bundles import (
    EDGES_PER_PIPELINE,
    NODES_PER_PIPELINE,
    Bundle,
    pipeline_id,
    pipeline_nodes,
    write_bundles,
)
from parse_document import section
from parse_report import (
    DAGFACTORY,
    HANDWRITTEN,
    OURS,
    RunContext,
    Summary,
    replace_section,
    summarise,
    target_results,
)
from parse_runs import (
    REPO_ROOT,
    CycleRun,
    Expectation,
    Measurement,
    ProbeRun,
    migrate,
    run_cycles,
    run_probe,
)

RESULTS_DIR = REPO_ROOT / "bench" / "results"
DEFAULT_DOC = REPO_ROOT / "docs" / "benchmarks.md"
PROCESSOR_VARIANTS = (OURS, DAGFACTORY, HANDWRITTEN)
TASK_START_BAG_VARIANTS = (OURS, HANDWRITTEN)
WARMUP_COUNT = 2
PRODUCT_CODE = ("dag_factory", "providers", "setup.cfg")
"""Pipelines per bundle of the untimed warm-up runs, which fill the bytecode cache."""


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options; the defaults are the published benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="pipelines per bundle (default 1000)")
    parser.add_argument("--reps", type=int, default=3, help="runs of in-process and task-start (default 3)")
    parser.add_argument(
        "--cycle-reps", type=int, default=1, help="dag-processor runs per variant (default 1)"
    )
    parser.add_argument("--skip-processor", action="store_true", help="leave out the dag-processor cycles")
    parser.add_argument("--workdir", type=Path, default=RESULTS_DIR / "work", help="bundles and homes")
    parser.add_argument("--json", type=Path, default=RESULTS_DIR / "parse_bench.json", help="raw results")
    parser.add_argument("--doc", type=Path, default=DEFAULT_DOC, help="Markdown file to update")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite the Markdown from the saved --json results"
    )
    return parser.parse_args(argv)


def log(message: str) -> None:
    """Progress on stderr, with the time of day."""
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def write_shape(path: Path) -> Path:
    """The expected tasks and dependencies of every DAG, for the probes to check against."""
    nodes = pipeline_nodes(1)
    edges = [[upstream, node.id] for node in nodes for upstream in node.inputs]
    assert len(nodes) == NODES_PER_PIPELINE and len(edges) == EDGES_PER_PIPELINE
    path.write_text(json.dumps({"task_ids": [n.id for n in nodes], "edges": edges}) + "\n", encoding="utf-8")
    return path


def warm_caches(bundles: list[Bundle]) -> None:
    """Read every bundle file once and byte-compile the DAG files, so no run pays for that."""
    for bundle in bundles:
        for path in bundle.root.rglob("*"):
            if path.is_file():
                path.read_bytes()
        compileall.compile_dir(str(bundle.root), quiet=1)


def probe_runs(bundles: dict[str, Bundle], count: int, wanted: str) -> list[ProbeRun]:
    """The child-process measurements: DagBag fill of every bundle and the task-start builds."""
    runs = []
    for name, bundle in bundles.items():
        runs.append(
            ProbeRun(
                name, "inprocess", "dagbag", bundle.root, bundle.root, Expectation(count, NODES_PER_PIPELINE)
            )
        )
    for name, bundle in bundles.items():
        built = 1 if name == OURS else count
        expected = Expectation(built, NODES_PER_PIPELINE, wanted)
        runs.append(
            ProbeRun(name, "task_start", "task-start", bundle.dag_file, bundle.root, expected, (wanted,))
        )
        if name in TASK_START_BAG_VARIANTS:
            extra = (wanted, str(bundle.root))
            bag = ProbeRun(
                name, "task_start_bag", "task-start-bag", bundle.dag_file, bundle.root, expected, extra
            )
            runs.append(bag)
    return runs


def measure_probes(
    runs: list[ProbeRun], reps: int, workdir: Path, shape: Path, *, warmup: bool = False
) -> list[Measurement]:
    """Run every probe ``reps`` times, interleaving variants so background load spreads evenly."""
    home = workdir / "homes" / "probes"
    home.mkdir(parents=True, exist_ok=True)
    log_dir = workdir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    measurements = []
    for index in range(1, reps + 1):
        label = "warmup" if warmup else str(index)
        for run in runs:
            measurement = run_probe(run, home, shape, log_dir, label)
            log(f"{run.metric:<15} {run.variant:<18} run {label}: {measurement.seconds:8.3f} s")
            measurements.append(measurement)
    return measurements


def measure_cycles(
    bundles: dict[str, Bundle], warmup: dict[str, Bundle], count: int, reps: int, workdir: Path
) -> list[Measurement]:
    """dag-processor cycles: per variant its own migrated home, each repetition from the empty DB.

    One untimed pair of cycles on the small warm-up bundle first fills the bytecode cache.
    """
    pristine = {}
    for name in PROCESSOR_VARIANTS:
        home = workdir / "homes" / name
        pristine[name] = migrate(home, bundles[name].root)
        list(run_cycles(CycleRun(name, warmup[name].root, WARMUP_COUNT), home, pristine[name], "warmup"))
        log(f"migrated {home} and ran the warm-up cycles")
    measurements = []
    for index in range(1, reps + 1):
        for name in PROCESSOR_VARIANTS:
            run = CycleRun(name, bundles[name].root, count)
            for measurement in run_cycles(run, workdir / "homes" / name, pristine[name], str(index)):
                log(f"{measurement.metric:<17} {name:<12} run {index}: {measurement.seconds:8.2f} s")
                measurements.append(measurement)
    return measurements


def use_bytecode_cache(prefix: Path) -> None:
    """Let this process and every child read and write bytecode under ``prefix``.

    Deployed code runs with compiled modules; without a cache, every fresh process would compile
    the product's modules and the DAG files again, inside the timed section.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix)
    sys.dont_write_bytecode = False
    sys.pycache_prefix = str(prefix)


def machine() -> str:
    """CPU model, cores, memory, OS and the versions that matter."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    packages = ("apache-airflow", "apache-airflow-task-sdk", "dag-factory", "pydantic", "PyYAML")
    versions = ", ".join(f"{name} {version(name)}" for name in packages)
    return (
        f"{model}, nproc {os.cpu_count()}, {memory:.0f} GiB RAM, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, {versions}"
    )


def source_revision() -> str:
    """The git commit of the product code, and whether it has uncommitted changes."""

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
        return result.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", *PRODUCT_CODE)
    return f"{commit} (with uncommitted changes)" if dirty else commit


def load_average() -> str:
    """1-minute load average (other work may share the machine)."""
    return f"{os.getloadavg()[0]:.2f}"


def measure(options: argparse.Namespace, command: str) -> tuple[RunContext, list[Measurement]]:
    """Generate the bundles, warm up, and run every measurement (each checks what it built)."""
    started = time.perf_counter()
    load_before = load_average()
    revision = source_revision()
    if options.workdir.exists():
        shutil.rmtree(options.workdir)
    options.workdir.mkdir(parents=True)
    use_bytecode_cache(options.workdir / "pycache")
    log(f"writing {options.count} pipelines per variant under {options.workdir}")
    bundles = write_bundles(options.workdir / "bundles", options.count)
    warmup = write_bundles(options.workdir / "warmup", WARMUP_COUNT)
    shape = write_shape(options.workdir / "shape.json")
    warm_caches([*bundles.values(), *warmup.values()])
    measure_probes(probe_runs(warmup, WARMUP_COUNT, pipeline_id(1)), 1, options.workdir, shape, warmup=True)
    wanted = pipeline_id(max(1, options.count // 2))
    runs = probe_runs(bundles, options.count, wanted)
    measurements = measure_probes(runs, options.reps, options.workdir, shape)
    if not options.skip_processor:
        measurements += measure_cycles(bundles, warmup, options.count, options.cycle_reps, options.workdir)
    context = RunContext(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        count=options.count,
        reps=options.reps,
        cycle_reps=options.cycle_reps,
        wanted_dag=wanted,
        load_before=load_before,
        load_after=load_average(),
        command=command,
        total_minutes=(time.perf_counter() - started) / 60,
        revision=revision,
    )
    if source_revision() != revision:
        changed = f"{revision}, then {source_revision()}: the code changed during the run"
        context = replace(context, revision=changed)
        log(f"WARNING: {context.revision}")
    return context, measurements


def main(argv: list[str]) -> None:
    """Measure (or, with ``--report-only``, reuse the saved results) and write JSON and Markdown."""
    options = parse_args(argv)
    if options.report_only:
        context, measurements = read_json(options.json)
    else:
        command = shlex.join([".venv-bench/bin/python", "bench/parse_bench.py", *argv])
        context, measurements = measure(options, command)
    summaries = summarise(measurements)
    write_json(options.json, context, measurements, summaries)
    heading, text = section(context, summaries, measurements)
    replace_section(options.doc, heading, text)
    log(f"wrote {options.json} and {options.doc}")
    for target, value, met in target_results(summaries):
        log(f"{'met ' if met else 'MISS'} {target.text}: {value}")


def write_json(
    path: Path,
    context: RunContext,
    measurements: list[Measurement],
    summaries: dict[tuple[str, str], Summary],
) -> None:
    """All runs, medians and target verdicts as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "context": asdict(context),
        "measurements": [asdict(m) for m in measurements],
        "medians": [asdict(s) for s in summaries.values()],
        "targets": [
            {"target": t.text, "measured": value, "met": met} for t, value, met in target_results(summaries)
        ],
    }
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")


def read_json(path: Path) -> tuple[RunContext, list[Measurement]]:
    """The context and runs saved by an earlier run."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return RunContext(**data["context"]), [Measurement(**m) for m in data["measurements"]]


if __name__ == "__main__":
    main(sys.argv[1:])
