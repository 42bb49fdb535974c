"""Streaming chains run inside their consumer's task: same rows as a task per node, metrics per node."""

import textwrap
from pathlib import Path

import pandas as pd
import pytest
from dag_runs import metrics_of, run_dag

pytestmark = pytest.mark.usefixtures("airflow_db")

REPO = Path(__file__).resolve().parents[2]
ORDERS = REPO / "dags/data/orders.csv"


def write_chain(folder: Path, dag_id: str, out: Path, fuse: bool, where: str = "status = 'paid'") -> None:
    nodes = textwrap.dedent(f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: paid, type: transform.filter, inputs: [orders], config: {{where: "{where}"}}}}
        - id: taxed
          type: transform.derive
          inputs: [paid]
          config: {{columns: {{gross: "round(amount * 1.2, 2)"}}}}
        - {{id: save, type: sink.file, inputs: [taxed], config: {{path: "{out}"}}}}
        """)  # fmt: skip
    spec = f"apiVersion: aggregator/v1\nid: {dag_id}\nfuse: {str(fuse).lower()}\nnodes:\n"
    (folder / f"{dag_id}.yaml").write_text(spec + textwrap.indent(nodes, "  "))


def test_a_fused_chain_lands_the_same_rows_as_a_task_per_node(spec_folder, bundle):
    from airflow.dag_processing.dagbag import DagBag

    write_chain(spec_folder, "chain_fused", spec_folder / "fused.parquet", fuse=True)
    write_chain(spec_folder, "chain_tasks", spec_folder / "tasks.parquet", fuse=False)
    bag = DagBag(dag_folder=str(bundle))
    assert bag.dags["chain_fused"].task_ids == ["save"]
    assert sorted(bag.dags["chain_tasks"].task_ids) == ["orders", "paid", "save", "taxed"]
    assert bag.dags["chain_fused"].get_task("save").task_display_name == "orders → paid → taxed → save"

    fused, tasks = run_dag(bundle, "chain_fused"), run_dag(bundle, "chain_tasks")
    assert fused.state == tasks.state == "success"
    expected = pd.read_csv(ORDERS)
    paid = int((expected.status == "paid").sum())
    pd.testing.assert_frame_equal(
        pd.read_parquet(spec_folder / "fused.parquet"), pd.read_parquet(spec_folder / "tasks.parquet")
    )
    assert len(pd.read_parquet(spec_folder / "fused.parquet")) == paid > 0

    for run in (fused, tasks):
        assert metrics_of(run, "orders")["rows_out"] == len(expected)
        assert metrics_of(run, "paid")["rows_in"] == len(expected)
        assert metrics_of(run, "paid")["rows_out"] == paid
        assert metrics_of(run, "taxed")["rows_out"] == paid
        assert metrics_of(run, "save")["rows_in"] == paid
        assert metrics_of(run, "taxed")["node_type"] == "transform.derive"
        assert metrics_of(run, "taxed")["seconds"] >= 0


def test_an_error_in_a_fused_node_names_that_node(spec_folder, bundle, capfd):
    write_chain(spec_folder, "chain_typo", spec_folder / "typo.parquet", fuse=True, where="stauts = 'paid'")
    assert run_dag(bundle, "chain_typo").state == "failed"
    output = capfd.readouterr().out
    assert "node 'paid', where: unknown column 'stauts' (did you mean 'status'?)" in output
    assert not (spec_folder / "typo.parquet").exists()
