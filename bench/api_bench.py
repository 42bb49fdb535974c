"""API benchmark: the aggregator's REST API under concurrent load beside Airflow's own DAG list.

Run with ``make bench-api`` or ``.venv-bench/bin/python bench/api_bench.py [options]``. It needs
PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and creates, then drops, its own
database ``aggregator_api_bench``: Airflow's metadata and the store, 1,000 pipelines with 20
versions each and the same 1,000 DAGs in Airflow. A real ``airflow api-server`` answers 20
concurrent clients for 60 s on the aggregator's routes, then as long on ``GET /api/v2/dags``.
Raw numbers go to ``bench/results/api_bench.json``; the section "REST API under load" of
``docs/benchmarks.md`` is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from api_airflow import (
    AirflowSetup,
    ApiServer,
    check_dag_count,
    environment,
    free_port,
    migrate_with_admin,
    publish_and_parse,
    sign_in,
    start_api_server,
    stop_api_server,
)
from api_database import (
    SQLALCHEMY_URL,
    analyze,
    drop_database,
    recreate_database,
    server_cpu_seconds,
    server_version,
    sessions_opened,
)
from api_document import section
from api_load import RequestMaker, RouteStats, run_load
from api_report import FLOOR_LOAD, ApiResults, Context, target_results
from api_requests import aggregator_mix, dag_list, pool_read
from api_seed import latest_specs, seed_store
from bench_targets import publish_results, write_results_json
from load_bench import log, machine, working_tree_revision

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"
DEFAULT_DOC = REPO_ROOT / "docs" / "benchmarks.md"
PRODUCT_CODE = ("dag_factory", "providers", "ui_plugin", "setup.cfg")
DEFAULTS = {"pipelines": 1000, "versions": 20, "clients": 20, "seconds": 60.0}


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options; the defaults are the published benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pipelines", type=int, default=DEFAULTS["pipelines"], help="pipelines (default 1000)"
    )
    parser.add_argument(
        "--versions", type=int, default=DEFAULTS["versions"], help="versions each (default 20)"
    )
    parser.add_argument(
        "--clients", type=int, default=DEFAULTS["clients"], help="concurrent clients (default 20)"
    )
    parser.add_argument(
        "--seconds", type=float, default=DEFAULTS["seconds"], help="measured seconds per load (default 60)"
    )
    parser.add_argument("--warmup", type=float, default=5.0, help="uncounted seconds before each load")
    parser.add_argument("--workers", type=int, default=2, help="API server workers (default 2)")
    parser.add_argument("--workdir", type=Path, default=RESULTS_DIR / "api", help="Airflow home and bundle")
    parser.add_argument("--keep-database", action="store_true", help="leave aggregator_api_bench behind")
    parser.add_argument("--json", type=Path, help="raw results (default: bench/results/)")
    parser.add_argument("--doc", type=Path, help="Markdown file to update (default docs/benchmarks.md)")
    parser.add_argument("--report-only", action="store_true", help="rewrite the Markdown from --json")
    options = parser.parse_args(argv)
    if options.versions < 2:
        parser.error("--versions must be at least 2: the diff route compares the first and the last")
    options.smoke = any(getattr(options, name) != value for name, value in DEFAULTS.items())
    if options.json is None:
        options.json = RESULTS_DIR / ("api_bench_smoke.json" if options.smoke else "api_bench.json")
    if options.doc is None and not options.smoke:
        # A smoke run must not replace the reference numbers in the docs.
        options.doc = DEFAULT_DOC
    return options


def timed(results: ApiResults, step: str, action, *args):
    """Run ``action(*args)``, record its seconds under ``step``, return its result."""
    started = time.perf_counter()
    value = action(*args)
    results.setup_seconds[step] = time.perf_counter() - started
    log(f"{step}: {results.setup_seconds[step]:.1f} s")
    return value


def measure(options: argparse.Namespace) -> ApiResults:
    """Prepare Airflow and the data, start the server, run both loads, stop the server."""
    for folder in ("home", "bundle"):
        shutil.rmtree(options.workdir / folder, ignore_errors=True)
    setup = AirflowSetup(options.workdir / "home", options.workdir / "bundle", free_port())
    env = environment(setup)
    # In-process Airflow imports (publishing) must read this run's home, not ~/airflow.
    os.environ.update(env)
    results = ApiResults(aggregator={}, airflow={})
    log(f"Airflow home {setup.home}, API server on port {setup.port}")
    timed(results, "airflow_db_migrate", migrate_with_admin, setup, env)
    log(f"seeding {options.pipelines:,} pipelines x {options.versions} versions")
    timed(results, "seed_store", seed_store, SQLALCHEMY_URL, options.pipelines, options.versions)
    timed(results, "analyze", analyze)
    specs = latest_specs(options.pipelines, options.versions)
    published, parsed = publish_and_parse(setup, env, specs)
    results.setup_seconds["publish_specs"], results.setup_seconds["dags_reserialize"] = published, parsed
    log(f"published in {published:.1f} s, reserialized in {parsed:.1f} s")
    server = timed(results, "api_server_start", start_api_server, setup, env, options.workers)
    try:
        token = sign_in(setup)
        check_dag_count(setup, token, options.pipelines)
        log(f"aggregator mix: {options.clients} clients, {options.warmup:.0f} s + {options.seconds:.0f} s")
        mix = aggregator_mix(options.pipelines, options.versions)
        results.aggregator = measured_load(results, "aggregator mix", server, setup, token, mix, options)
        log("Airflow's DAG list: the same load")
        dags = dag_list(options.pipelines)
        results.airflow = measured_load(results, "Airflow DAG list", server, setup, token, dags, options)
        log("Airflow's read of one pool: the same load")
        results.floor = measured_load(results, FLOOR_LOAD, server, setup, token, pool_read(), options)
    finally:
        stop_api_server(server)
    return results


def measured_load(
    results: ApiResults,
    name: str,
    server: ApiServer,
    setup: AirflowSetup,
    token: str,
    requests: RequestMaker,
    options: argparse.Namespace,
) -> dict[str, RouteStats]:
    """One load, with the CPU the client, the server and PostgreSQL used and the connections opened."""
    client_before, server_before = time.process_time(), server.cpu_seconds()
    database_before, sessions_before = server_cpu_seconds(), sessions_opened()
    started = time.perf_counter()
    stats = run_load(
        setup.base_url,
        token,
        requests,
        clients=options.clients,
        seconds=options.seconds,
        warmup=options.warmup,
    )
    wall = time.perf_counter() - started
    cores = {
        "client": (time.process_time() - client_before) / wall,
        "server": (server.cpu_seconds() - server_before) / wall,
        "postgres": (server_cpu_seconds() - database_before) / wall,
    }
    results.cpu_cores[name] = cores
    results.sessions_opened[name] = sessions_opened() - sessions_before
    _log_stats(stats)
    log(
        f"busy cores: client {cores['client']:.2f}, server {cores['server']:.2f}, "
        f"PostgreSQL {cores['postgres']:.2f}; {results.sessions_opened[name]} connections opened"
    )
    return stats


def _log_stats(stats: dict[str, RouteStats]) -> None:
    for found in stats.values():
        log(
            f"{found.route:<36} {found.requests:>7,} requests {found.requests_per_second:8.1f}/s  "
            f"p50 {found.p50_ms:7.1f}  p95 {found.p95_ms:7.1f}  p99 {found.p99_ms:7.1f} ms  "
            f"errors {found.errors}"
        )


def run_benchmark(options: argparse.Namespace, argv: list[str]) -> tuple[Context, ApiResults]:
    """Measure in a fresh database that is dropped afterwards unless ``--keep-database``."""
    started = time.perf_counter()
    load_before = f"{os.getloadavg()[0]:.2f}"
    revision = working_tree_revision(PRODUCT_CODE)
    recreate_database()
    try:
        results = measure(options)
    finally:
        if not options.keep_database:
            drop_database()
    context = Context(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        postgres=server_version(),
        revision=revision,
        command=shlex.join([os.path.relpath(sys.executable, REPO_ROOT), "bench/api_bench.py", *argv]),
        pipelines=options.pipelines,
        versions=options.versions,
        clients=options.clients,
        seconds=options.seconds,
        warmup=options.warmup,
        workers=options.workers,
        load_before=load_before,
        load_after=f"{os.getloadavg()[0]:.2f}",
        total_minutes=(time.perf_counter() - started) / 60,
        smoke=options.smoke,
    )
    return context, results


def write_json(path: Path, context: Context, results: ApiResults) -> None:
    write_results_json(path, context, asdict(results), target_results(results))


def read_json(path: Path) -> tuple[Context, ApiResults]:
    data = json.loads(path.read_text(encoding="utf-8"))
    raw = data["results"]

    def stats(load: dict) -> dict[str, RouteStats]:
        return {
            route: RouteStats(**{**found, "error_examples": tuple(found["error_examples"])})
            for route, found in load.items()
        }

    results = ApiResults(
        stats(raw["aggregator"]),
        stats(raw["airflow"]),
        stats(raw.get("floor", {})),
        raw["setup_seconds"],
        raw.get("cpu_cores", {}),
        raw.get("sessions_opened", {}),
    )
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
