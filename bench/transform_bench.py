"""Transform benchmark: filter/derive/cast, aggregate and join pipelines beside plain pyarrow and pandas.

Run with ``make bench-transform`` or ``.venv-bench/bin/python bench/transform_bench.py [--quick]``.
Raw numbers go to ``bench/results/transform_bench.json``; the section "Transforms: pipelines
beside plain pyarrow and pandas" of ``docs/benchmarks.md`` is replaced. ``--workloads`` reruns
some workloads and keeps the saved results of the others, each labelled with when it was measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

from bench_targets import publish_results, write_results_json
from load_bench import code_fingerprint, log, machine, working_tree_revision
from load_pipeline import pipeline_environment
from load_runs import Setup
from transform_checksum import require_agreement
from transform_data import write_dimension, write_fact
from transform_document import section
from transform_report import DOUBLE, Context, Results, key, target_results
from transform_runs import Inputs, RunResult, TransformResult, run_baseline, run_ours
from transform_workloads import CONTENDERS, WORKLOADS

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"
DEFAULT_DOC = REPO_ROOT / "docs" / "benchmarks.md"
WARMUP_ROWS = 1000


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options; the defaults are the published benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="fact rows (default 10,000,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per contender and workload (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000,000 rows, 1 run each")
    parser.add_argument("--skip-double", action="store_true", help="leave out the chain on twice the rows")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"), help="parent of the data folder")
    parser.add_argument("--workdir", type=Path, default=RESULTS_DIR / "transform", help="Airflow home, logs")
    parser.add_argument("--json", type=Path, help="raw results (default: bench/results/)")
    parser.add_argument(
        "--doc", type=Path, help="Markdown file to update (default docs/benchmarks.md; none for --quick)"
    )
    parser.add_argument("--report-only", action="store_true", help="rewrite the Markdown from --json")
    parser.add_argument(
        "--workloads",
        type=_workload_list,
        default=list(WORKLOADS),
        help=f"comma-separated subset of {','.join(WORKLOADS)}; the others keep their saved results",
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.rows = min(options.rows, 1_000_000)
        options.runs = 1
    if options.json is None:
        name = "transform_bench_quick.json" if options.quick else "transform_bench.json"
        options.json = RESULTS_DIR / name
    if options.doc is None and not options.quick:
        # A smoke run must not replace the reference numbers in the docs.
        options.doc = DEFAULT_DOC
    return options


def _workload_list(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in WORKLOADS]
    if unknown or not names:
        known = ", ".join(WORKLOADS)
        raise argparse.ArgumentTypeError(f"unknown workload {', '.join(unknown)}; known: {known}")
    return [name for name in WORKLOADS if name in names]


def measure(options: argparse.Namespace, data: Path) -> Results:
    """Every workload, contenders taking turns; each output must agree with the first one's."""
    setup = Setup(
        workdir=options.workdir,
        home=options.workdir / "home",
        logs=options.workdir / "logs",
        env=pipeline_environment(),
    )
    setup.logs.mkdir(parents=True, exist_ok=True)
    outputs = data / "out"
    outputs.mkdir()
    dimension = data / "customers.parquet"
    write_dimension(dimension)
    log(f"writing {options.rows:,} fact rows and a {WARMUP_ROWS:,}-row warm-up file under {data}")
    fact = data / "facts.parquet"
    write_fact(fact, options.rows)
    warmup = data / "warmup.parquet"
    write_fact(warmup, WARMUP_ROWS)
    log("warm-up run of our chain (untimed; the first one creates the Airflow home)")
    run_ours(setup, Inputs(warmup, dimension, WARMUP_ROWS, outputs), "chain", "warmup_chain")
    warmup.unlink()

    inputs = Inputs(fact, dimension, options.rows, outputs)
    results: Results = {}
    for repetition in range(1, options.runs + 1):
        for workload in options.workloads:
            for contender in CONTENDERS:
                label = f"{workload}_{contender}_{repetition}"
                if contender == "ours":
                    run = run_ours(setup, inputs, workload, label)
                else:
                    run = run_baseline(setup.logs, inputs, workload, contender, label)
                _log_run(label, options.rows, run)
                first = results.get(key(workload, CONTENDERS[0]))
                if first is not None:
                    what = f"{label} against {CONTENDERS[0]}"
                    require_agreement(first.runs[0].checksum, run.checksum, what)
                results.setdefault(
                    key(workload, contender), TransformResult(workload, contender, options.rows, [])
                ).runs.append(run)
    if "chain" in options.workloads and not options.skip_double:
        results[DOUBLE] = _double_chain(setup, options.rows, data, dimension, outputs)
    return results


def _double_chain(setup: Setup, rows: int, data: Path, dimension: Path, outputs: Path) -> TransformResult:
    """Our chain once on twice the rows, to show its memory does not grow with the input."""
    fact = data / "facts.parquet"
    fact.unlink()
    double = data / "facts_double.parquet"
    log(f"writing {2 * rows:,} fact rows")
    write_fact(double, 2 * rows)
    run = run_ours(setup, Inputs(double, dimension, 2 * rows, outputs), "chain", "chain_ours_double")
    _log_run("chain_ours_double", 2 * rows, run)
    double.unlink()
    return TransformResult("chain", "ours", 2 * rows, [run])


def _log_run(label: str, rows: int, run: RunResult) -> None:
    log(
        f"{label:<22} {rows:>11,} rows → {run.rows_out:>11,}  time {run.seconds:8.2f} s "
        f"({rows / run.seconds:>11,.0f} rows/s)  command {run.wall_seconds:8.2f} s  "
        f"RSS tree {run.tree_peak_mib:6.0f} MiB, largest process {run.process_peak_mib:6.0f} MiB"
    )


def run_benchmark(options: argparse.Namespace, argv: list[str]) -> tuple[Context, Results]:
    """Measure into a temporary data folder that is always deleted."""
    started = time.perf_counter()
    load_before = f"{os.getloadavg()[0]:.2f}"
    revision = working_tree_revision()
    fingerprint = code_fingerprint()
    options.workdir.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="aggregator-transform-bench-", dir=options.tmp))
    try:
        results = measure(options, data)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    if code_fingerprint() != fingerprint:
        revision = f"{revision}; the product code changed on disk during the run"
        log(f"WARNING: {revision}")
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    results = {name: replace(result, measured=_measured(date, revision)) for name, result in results.items()}
    context = Context(
        date=date,
        machine=machine(),
        revision=revision,
        command=shlex.join([".venv-bench/bin/python", "bench/transform_bench.py", *argv]),
        rows=options.rows,
        runs=options.runs,
        load_before=load_before,
        load_after=f"{os.getloadavg()[0]:.2f}",
        total_minutes=(time.perf_counter() - started) / 60,
        quick=options.quick,
        workloads=options.workloads,
    )
    return context, results


def _measured(date: str, revision: str) -> str:
    return f"{date}, `{revision}`"


def with_earlier_results(path: Path, results: Results) -> Results:
    """``results``, plus the saved results in ``path`` of the workloads not measured now."""
    if not path.exists():
        return results
    context, earlier = read_json(path)
    measured_now = {result.workload for result in results.values()}
    kept = {
        name: replace(result, measured=result.measured or _measured(context.date, context.revision))
        for name, result in earlier.items()
        if result.workload not in measured_now
    }
    for name, result in kept.items():
        log(f"keeping {name} from {path}, measured {result.measured}")
    return {**kept, **results}


def write_json(path: Path, context: Context, results: Results) -> None:
    data = {name: asdict(result) for name, result in results.items()}
    write_results_json(path, context, data, target_results(results))


def read_json(path: Path) -> tuple[Context, Results]:
    data = json.loads(path.read_text(encoding="utf-8"))
    results = {
        name: TransformResult(
            result["workload"],
            result["contender"],
            result["rows_in"],
            [RunResult(**run) for run in result["runs"]],
            result.get("measured", ""),
        )
        for name, result in data["results"].items()
    }
    return Context(**data["context"]), results


def main(argv: list[str]) -> int:
    """Measure (or reuse the saved JSON), write JSON and Markdown, print the targets."""
    options = parse_args(argv)
    if options.report_only:
        context, results = read_json(options.json)
    else:
        context, results = run_benchmark(options, argv)
        results = with_earlier_results(options.json, results)
        write_json(options.json, context, results)
    missing = [workload for workload in WORKLOADS if key(workload, "ours") not in results]
    if options.doc and missing:
        # A report without some workloads would silently drop their rows from the document.
        log(f"not updating {options.doc}: no results for {', '.join(missing)} in {options.json}")
        options.doc = None
    publish_results(options.doc, options.json, context, results, section, target_results, log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
