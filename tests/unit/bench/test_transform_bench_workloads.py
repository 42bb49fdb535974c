"""``transform_bench.py --workloads``: a rerun of some workloads keeps the others' saved results, labelled."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench"
sys.path.insert(0, str(BENCH))

from transform_bench import parse_args, with_earlier_results, write_json  # noqa: E402
from transform_document import section  # noqa: E402
from transform_report import Context, key  # noqa: E402
from transform_runs import RunResult, TransformResult  # noqa: E402
from transform_workloads import CONTENDERS, WORKLOADS  # noqa: E402


def context(date: str, revision: str, workloads: list[str]) -> Context:
    return Context(
        date=date,
        machine="test machine",
        revision=revision,
        command="transform_bench.py",
        rows=1000,
        runs=1,
        load_before="0.1",
        load_after="0.2",
        total_minutes=1.0,
        quick=False,
        workloads=workloads,
    )


def result(workload: str, contender: str, seconds: float, measured: str = "") -> TransformResult:
    task = {"seconds": seconds, "metrics": {"seconds": seconds}, "tree_peak_mib": 100.0}
    ours = {"tasks": {"write": task}}
    details = ours if contender == "ours" else {"read_seconds": seconds, "compute_seconds": 0.0}
    run = RunResult(seconds, seconds + 1, 100.0, 100.0, 10, {"rows": 10}, {**details, "write_seconds": 0.0})
    return TransformResult(workload, contender, 1000, [run], measured)


def test_workloads_option_takes_a_comma_separated_subset_in_the_usual_order():
    assert parse_args(["--workloads", "join,aggregate"]).workloads == ["aggregate", "join"]
    assert parse_args([]).workloads == list(WORKLOADS)
    with pytest.raises(SystemExit):
        parse_args(["--workloads", "aggregat"])


def test_a_rerun_of_one_workload_keeps_the_others_with_the_date_and_revision_they_were_measured_at(tmp_path):
    saved = tmp_path / "results.json"
    earlier = {key(w, c): result(w, c, 2.0) for w in WORKLOADS for c in CONTENDERS}
    write_json(saved, context("2026-01-01 10:00 UTC", "abc1234", list(WORKLOADS)), earlier)
    now = "2026-02-02 12:00 UTC, `def5678`"
    rerun = {key("aggregate", c): result("aggregate", c, 1.0, now) for c in CONTENDERS}

    merged = with_earlier_results(saved, rerun)

    assert set(merged) == set(earlier)
    assert merged[key("aggregate", "ours")].seconds == 1.0
    assert merged[key("aggregate", "ours")].measured == now
    assert merged[key("chain", "pandas")].seconds == 2.0
    assert merged[key("chain", "pandas")].measured == "2026-01-01 10:00 UTC, `abc1234`"

    _, text = section(context("2026-02-02 12:00 UTC", "def5678", ["aggregate"]), merged)
    assert "This run measured only aggregate" in text
    chain_rows = [line for line in text.splitlines() if line.startswith("| filter + 3 derived")]
    assert chain_rows and all("2026-01-01 10:00 UTC, `abc1234`" in line for line in chain_rows[:3])
    assert "| not timed |" in text


def test_without_saved_results_only_the_rerun_workload_is_reported(tmp_path):
    rerun = {key("join", c): result("join", c, 1.0, "now") for c in CONTENDERS}
    assert with_earlier_results(tmp_path / "missing.json", rerun) == rerun
