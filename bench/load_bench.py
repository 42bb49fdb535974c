"""Load benchmark: CSV and PostgreSQL into PostgreSQL, ours beside psql and pandas, and a large CSV.

Run with ``make bench-load`` or ``.venv-bench/bin/python bench/load_bench.py [--quick]``. It needs
PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and uses its own database
``aggregator_bench``. Raw numbers go to ``bench/results/load_bench.json``, the section
"Loads: CSV and PostgreSQL into PostgreSQL" of ``docs/benchmarks.md`` is replaced.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from bench_targets import publish_results, write_results_json
from load_data import write_csv_bytes, write_csv_rows
from load_database import drop_tables, ensure_database, reset_state, server_settings, server_version
from load_document import section
from load_pipeline import pipeline_environment
from load_report import Context, target_results
from load_runs import LoadResult, Setup, ours_csv, ours_table, pandas_to_sql, psql_copy, psql_pipe

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"
DEFAULT_DOC = REPO_ROOT / "docs" / "benchmarks.md"
PRODUCT_CODE = ("dag_factory", "providers", "setup.cfg")
WARMUP_ROWS = 1000


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options; the defaults are the published benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the CSV (default 1,000,000)")
    parser.add_argument("--large-gb", type=float, default=5.0, help="size of the large CSV (default 5 GB)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 100,000 rows and a 0.2 GB CSV")
    parser.add_argument("--skip-large", action="store_true", help="leave out the large CSV")
    parser.add_argument(
        "--reps", type=int, default=3, help="rounds of the 1M-row loads; each loader's median counts"
    )
    parser.add_argument("--revision", help="run the pipeline with dag_factory/providers of this git revision")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"), help="parent of the data folder")
    parser.add_argument("--workdir", type=Path, default=RESULTS_DIR / "load", help="Airflow home, logs")
    parser.add_argument("--json", type=Path, help="raw results (default: bench/results/)")
    parser.add_argument(
        "--doc", type=Path, help="Markdown file to update (default docs/benchmarks.md; none for --quick)"
    )
    parser.add_argument("--report-only", action="store_true", help="rewrite the Markdown from --json")
    options = parser.parse_args(argv)
    if options.quick:
        options.reps = 1
        options.rows = min(options.rows, 100_000)
        options.large_gb = min(options.large_gb, 0.2)
    if options.json is None:
        options.json = RESULTS_DIR / ("load_bench_quick.json" if options.quick else "load_bench.json")
    if options.doc is None and not options.quick:
        # A smoke run must not replace the reference numbers in the docs.
        options.doc = DEFAULT_DOC
    return options


def log(message: str) -> None:
    """Progress on stderr, with the time of day."""
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip()


def working_tree_revision(paths: tuple[str, ...] = PRODUCT_CODE) -> str:
    """The git commit of the product code under ``paths``, and whether it has uncommitted changes."""
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", *paths)
    return f"{commit} (with uncommitted changes)" if dirty else commit


def code_fingerprint() -> str:
    """A hash of the product code as it is on disk: uncommitted changes and new files included.

    The porcelain status alone would not notice a file that is edited again during the run.
    """
    digest = hashlib.sha1(git("diff", "HEAD", "--", *PRODUCT_CODE).encode(), usedforsecurity=False)
    for name in git("ls-files", "--others", "--exclude-standard", "--", *PRODUCT_CODE).splitlines():
        path = REPO_ROOT / name
        if path.is_file():
            digest.update(name.encode() + path.read_bytes())
    return digest.hexdigest()


def export_revision(revision: str, target: Path) -> str:
    """Extract ``dag_factory`` and ``providers`` of ``revision`` into ``target``; its short hash."""
    command = ["git", "archive", revision, "dag_factory", "providers"]
    archive = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, check=True).stdout
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return git("rev-parse", "--short", revision)


def machine() -> str:
    """CPU model, cores, memory, OS, Python and the versions that matter."""
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from importlib.metadata import version

    packages = ("apache-airflow", "pyarrow", "pandas", "SQLAlchemy", "psycopg")
    versions = ", ".join(f"{name} {version(name)}" for name in packages)
    return (
        f"{model}, nproc {os.cpu_count()}, {memory:.0f} GiB RAM, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, {versions}"
    )


def measure(options: argparse.Namespace, data: Path) -> dict[str, LoadResult]:
    """Every load, in order; each checks the table it filled."""
    code = None
    if options.revision:
        code = options.workdir / "code"
        export_revision(options.revision, code)
    setup = Setup(
        workdir=options.workdir,
        home=options.workdir / "home",
        logs=options.workdir / "logs",
        env=pipeline_environment(code),
    )
    setup.logs.mkdir(parents=True, exist_ok=True)
    reset_state()
    results: dict[str, LoadResult] = {}

    log(f"writing {options.rows:,} rows and a {WARMUP_ROWS:,}-row warm-up file under {data}")
    csv, warmup = data / "rows.csv", data / "warmup.csv"
    expected = write_csv_rows(csv, options.rows)
    warm = write_csv_rows(warmup, WARMUP_ROWS)
    log("warm-up runs of both pipelines (untimed; the first one creates the Airflow home)")
    ours_csv(setup, "warmup_csv", warmup, "warmup_csv", warm)
    ours_table(setup, "warmup_table", "warmup_csv", "warmup_table", warm)
    drop_tables("warmup_csv", "warmup_table")

    steps = (
        ("psql_copy", lambda: psql_copy(setup, "psql_copy", csv, "csv_psql", expected)),
        ("ours_csv", lambda: ours_csv(setup, "ours_csv", csv, "csv_ours", expected)),
        ("to_sql", lambda: pandas_to_sql(setup, "to_sql", csv, "csv_to_sql", expected)),
        ("psql_pipe", lambda: psql_pipe(setup, "psql_pipe", "csv_psql", "pg_psql", expected)),
        ("ours_table", lambda: ours_table(setup, "ours_table", "csv_psql", "pg_ours", expected)),
    )
    runs: dict[str, list[LoadResult]] = {name: [] for name, _ in steps}
    for number in range(1, options.reps + 1):
        log(f"round {number} of {options.reps}")
        for name, step in steps:
            runs[name].append(step())
            _log_result(runs[name][-1])
    for name, measured in runs.items():
        results[name] = median_run(measured)
    csv.unlink()
    if not options.skip_large:
        large = data / "large.csv"
        log(f"writing a {options.large_gb:.1f} GB CSV")
        large_expected = write_csv_bytes(large, int(options.large_gb * 1e9))
        log(f"{large.stat().st_size / 1e9:.2f} GB, {large_expected.rows:,} rows")
        results["ours_large"] = ours_csv(setup, "ours_large", large, "large_ours", large_expected)
        results["ours_large"].details["file_bytes"] = large.stat().st_size
        _log_result(results["ours_large"])
        large.unlink()
        drop_tables("large_ours")
    return results


def median_run(measured: list[LoadResult]) -> LoadResult:
    """The run with the median load time, carrying the load times of all runs."""
    chosen = sorted(measured, key=lambda result: result.seconds)[len(measured) // 2]
    chosen.details["all_seconds"] = [round(result.seconds, 3) for result in measured]
    return chosen


def _log_result(result: LoadResult) -> None:
    log(
        f"{result.variant:<11} {result.rows:>11,} rows  load {result.seconds:8.2f} s "
        f"({result.rows_per_second:>10,.0f} rows/s)  command {result.wall_seconds:8.2f} s  "
        f"RSS tree {result.tree_peak_mib:6.0f} MiB, largest process {result.process_peak_mib:6.0f} MiB"
    )


def run_benchmark(options: argparse.Namespace, argv: list[str]) -> tuple[Context, dict[str, LoadResult]]:
    """Measure into a temporary data folder that is always deleted."""
    started = time.perf_counter()
    load_before = f"{os.getloadavg()[0]:.2f}"
    ensure_database()
    revision = working_tree_revision()
    fingerprint = code_fingerprint()
    if options.revision:
        revision = f"{git('rev-parse', '--short', options.revision)} (git archive, run from a copy)"
    options.workdir.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="aggregator-load-bench-", dir=options.tmp))
    try:
        results = measure(options, data)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    if not options.revision and code_fingerprint() != fingerprint:
        revision = f"{revision}; the product code changed on disk during the run"
        log(f"WARNING: {revision}")
    context = Context(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        postgres=f"{server_version()} ({server_settings()})",
        revision=revision,
        command=shlex.join([".venv-bench/bin/python", "bench/load_bench.py", *argv]),
        rows=options.rows,
        large_bytes=results["ours_large"].details["file_bytes"] if "ours_large" in results else 0,
        load_before=load_before,
        load_after=f"{os.getloadavg()[0]:.2f}",
        total_minutes=(time.perf_counter() - started) / 60,
        quick=options.quick,
    )
    return context, results


def write_json(path: Path, context: Context, results: dict[str, LoadResult]) -> None:
    data = {name: asdict(result) for name, result in results.items()}
    write_results_json(path, context, data, target_results(results))


def read_json(path: Path) -> tuple[Context, dict[str, LoadResult]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    results = {name: LoadResult(**result) for name, result in data["results"].items()}
    return Context(**data["context"]), results


def main(argv: list[str]) -> int:
    """Measure (or reuse the saved JSON), write JSON and Markdown, print the targets."""
    options = parse_args(argv)
    if options.report_only:
        context, results = read_json(options.json)
    else:
        context, results = run_benchmark(options, argv)
        write_json(options.json, context, results)
    publish_results(options.doc, options.json, context, results, section, target_results, log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
