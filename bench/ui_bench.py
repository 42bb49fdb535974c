"""Builder benchmark: a 200-node pipeline in the browser beside Airflow's Graph view of 200 tasks.

Run with ``make bench-ui`` or ``.venv/bin/python bench/ui_bench.py [options]``. It starts a real
Airflow (temporary home, SQLite, FAB Admin, the plugin), creates the pipeline through the
REST API and parses a plain DAG with the same graph, then drives Debian's Chromium with
Playwright (``ui_browser.mjs``): first render of both pages, frame times while dragging,
panning, zooming and typing. Raw numbers go to ``bench/results/ui_bench.json``; the section
"Pipeline builder: 200 nodes in the browser" of ``docs/benchmarks.md`` is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from bench_targets import publish_results, write_results_json
from load_bench import log, machine, working_tree_revision
from parse_runs import BenchmarkError
from ui_airflow import running_airflow
from ui_document import Context, section
from ui_pipeline import (
    BASELINE_DAG_ID,
    EDITED_FIELD,
    NODES,
    baseline_dag_file,
    builder_spec,
    edge_count,
    editable_nodes,
)
from ui_report import BundleSize, UiResults, target_results

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"
DEFAULT_DOC = REPO_ROOT / "docs" / "benchmarks.md"
FRONTEND = REPO_ROOT / "ui_plugin" / "frontend"
BUNDLE = FRONTEND / "dist" / "aggregator.js"
BROWSER_SCRIPT = Path(__file__).with_name("ui_browser.mjs")
CHROMIUM = "/usr/bin/chromium"
PRODUCT_CODE = ("ui_plugin", "dag_factory", "setup.cfg")
TYPED = "_archive"
BROWSER_TIMEOUT_SECONDS = 1800


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each page (default 5)")
    parser.add_argument("--json", type=Path, default=RESULTS_DIR / "ui_bench.json", help="raw results")
    parser.add_argument("--doc", type=Path, default=DEFAULT_DOC, help="Markdown file to update")
    parser.add_argument("--report-only", action="store_true", help="rewrite the Markdown from --json")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    return options


def check_tools() -> str:
    """The path of ``node``; fail with what to install when something is missing."""
    node = shutil.which("node")
    if node is None:
        raise BenchmarkError("Node.js is needed: apt-get install -y nodejs npm")
    if not Path(CHROMIUM).is_file():
        raise BenchmarkError(f"Chromium is needed at {CHROMIUM}: apt-get install -y chromium")
    if not (FRONTEND / "node_modules" / "playwright-core").is_dir() or not BUNDLE.is_file():
        raise BenchmarkError("the frontend is not built: run `make ui`")
    return node


def browse(node: str, url: str, username: str, password: str, spec: dict, runs: int, profile: Path) -> dict:
    """Run the browser script; its JSON report."""
    options = {
        "url": url,
        "username": username,
        "password": password,
        "chromium": CHROMIUM,
        "profile": str(profile),
        "pipelineId": spec["id"],
        "pipelineName": spec["name"],
        "dagId": BASELINE_DAG_ID,
        "nodes": len(spec["nodes"]),
        "edges": edge_count(spec),
        "runs": runs,
        "editable": editable_nodes(spec),
        "editedField": EDITED_FIELD,
        "typed": TYPED,
    }
    result = subprocess.run(
        [node, str(BROWSER_SCRIPT), json.dumps(options)],
        stdout=subprocess.PIPE,
        stderr=None,
        text=True,
        timeout=BROWSER_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise BenchmarkError(f"the browser script failed with {result.returncode}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(options: argparse.Namespace) -> UiResults:
    """Airflow up with the pipeline and the baseline DAG, then the browser's runs."""
    node = check_tools()
    spec = builder_spec()
    bundle = BundleSize.of(BUNDLE)
    with tempfile.TemporaryDirectory(prefix="aggregator-ui-bench-") as folder:
        root = Path(folder)
        with running_airflow(root, {f"{BASELINE_DAG_ID}.py": baseline_dag_file(spec)}, log) as airflow:
            airflow.create_pipeline(spec)
            tasks = airflow.task_count(BASELINE_DAG_ID)
            if tasks != NODES:
                raise BenchmarkError(f"Airflow lists {tasks} tasks of {BASELINE_DAG_ID}, not {NODES}")
            log(f"browsing {airflow.url}: {options.runs} runs")
            report = browse(
                node, airflow.url, airflow.username, airflow.password, spec, options.runs, root / "chromium"
            )
    return UiResults(report["runs"], bundle, report["userAgent"], report["pageErrors"])


def run_benchmark(options: argparse.Namespace, argv: list[str]) -> tuple[Context, UiResults]:
    """Measure, and describe where and how."""
    started = time.perf_counter()
    load_before = f"{os.getloadavg()[0]:.2f}"
    revision = working_tree_revision(PRODUCT_CODE)
    results = measure(options)
    spec = builder_spec()
    context = Context(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        browser=browser_name(results.user_agent),
        revision=revision,
        command=shlex.join([os.path.relpath(sys.executable, REPO_ROOT), "bench/ui_bench.py", *argv]),
        runs=options.runs,
        nodes=len(spec["nodes"]),
        edges=edge_count(spec),
        load_before=load_before,
        load_after=f"{os.getloadavg()[0]:.2f}",
        total_minutes=(time.perf_counter() - started) / 60,
    )
    return context, results


def browser_name(user_agent: str) -> str:
    """``Chromium 1xx.0…`` (Debian's build says ``HeadlessChrome``) from a user agent string."""
    for word in user_agent.split():
        if word.startswith(("HeadlessChrome/", "Chrome/")):
            return "Chromium " + word.split("/", 1)[1]
    return user_agent or "unknown"


def write_json(path: Path, context: Context, results: UiResults) -> None:
    write_results_json(path, context, asdict(results), target_results(results))


def read_json(path: Path) -> tuple[Context, UiResults]:
    data = json.loads(path.read_text(encoding="utf-8"))
    raw = data["results"]
    results = UiResults(raw["runs"], BundleSize(**raw["bundle"]), raw["user_agent"], raw["page_errors"])
    return Context(**data["context"]), results


def main(argv: list[str]) -> int:
    """Measure (or reuse the saved JSON), write JSON and Markdown, print the targets."""
    options = parse_args(argv)
    if options.report_only:
        context, results = read_json(options.json)
    else:
        context, results = run_benchmark(options, argv)
        write_json(options.json, context, results)
    if results.page_errors:
        log(f"errors in the page: {results.page_errors[:3]}")
    publish_results(options.doc, options.json, context, results, section, target_results, log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
