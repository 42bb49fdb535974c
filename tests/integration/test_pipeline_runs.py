"""Pipelines run end to end through Airflow's ``dag.test()`` against the test bundle."""

import os
import textwrap
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from dag_runs import metrics_of, run_dag

pytestmark = pytest.mark.usefixtures("airflow_db")

REPO = Path(__file__).resolve().parents[2]
AIRFLOW_HOME = Path(os.environ["AIRFLOW_HOME"])

STAGING = AIRFLOW_HOME / "aggregator" / "staging"


def test_revenue_example_matches_a_pandas_reference(bundle):
    run = run_dag(bundle, "example_revenue_by_region")
    assert run.state == "success"
    result = pq.read_table(bundle / "output" / "revenue_by_region.parquet").to_pandas()
    orders = pd.read_csv(REPO / "dags/data/orders.csv")
    customers = pd.read_csv(REPO / "dags/data/customers.csv")
    paid = orders[orders.status == "paid"].merge(customers, on="customer_id")
    expected = paid.groupby("region").agg(revenue=("amount", "sum"), orders=("order_id", "count"))
    expected = expected.sort_values("revenue", ascending=False).reset_index()
    assert list(result.region) == list(expected.region)
    assert result.revenue.round(2).tolist() == expected.revenue.round(2).tolist()
    assert result.orders.tolist() == expected.orders.tolist()
    assert metrics_of(run, "orders")["rows_out"] == len(orders)
    assert metrics_of(run, "load")["rows_written"] == len(expected)
    assert not (STAGING / "example_revenue_by_region").exists() or not any(
        (STAGING / "example_revenue_by_region").iterdir()
    ), "staged data of a successful run is removed"


def test_run_parameters_reach_templated_config(bundle):
    run = run_dag(bundle, "example_paid_orders_export", {"min_amount": 300})
    assert run.state == "success"
    exported = pd.read_csv(bundle / "output" / "paid_orders.csv")
    orders = pd.read_csv(REPO / "dags/data/orders.csv")
    expected = orders[(orders.status == "paid") & (orders.amount >= 300)]
    assert len(exported) == len(expected) > 0
    assert exported.amount.min() >= 300


FAILING_SPEC = textwrap.dedent(
    """\
    apiVersion: aggregator/v1
    id: fails_at_the_end
    fuse: false  # a task per node: each node's output is staged
    nodes:
      - {id: orders, type: source.file, config: {path: ORDERS}}
      - id: boom
        type: python.callable
        inputs: [orders]
        config: {callable: "failing_steps:explode"}
      - {id: load, type: sink.file, inputs: [boom], config: {path: never.csv}}
    """
)


def test_failed_run_keeps_its_staged_data_for_inspection(spec_folder, bundle, tmp_path, monkeypatch):
    (tmp_path / "failing_steps.py").write_text(
        "def explode(table):\n    raise ValueError(f'bad batch of {table.num_rows} rows')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    (spec_folder / "fails.yaml").write_text(
        FAILING_SPEC.replace("ORDERS", str(REPO / "dags/data/orders.csv"))
    )
    run = run_dag(bundle, "fails_at_the_end")
    assert run.state == "failed"
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states["orders"] == "success"
    assert states["boom"] == "failed"
    staged = list((STAGING / "fails_at_the_end").rglob("orders.parquet"))
    assert len(staged) == 1
    assert pq.read_metadata(staged[0]).num_rows == 500
    assert not (spec_folder / "never.csv").exists()


def test_invalid_rendered_config_fails_the_task_naming_node_and_field(spec_folder, bundle, capfd):
    spec = textwrap.dedent(
        """\
        apiVersion: aggregator/v1
        id: bad_rendered_config
        params: {name: orders.xml}
        nodes:
          - {id: src, type: source.file, config: {path: "DATA/{{ params.name }}"}}
        """
    ).replace("DATA", str(REPO / "dags/data"))
    (spec_folder / "bad.yaml").write_text(spec)
    run = run_dag(bundle, "bad_rendered_config")
    assert run.state == "failed"
    output = capfd.readouterr().out
    assert "node 'src' (source.file): invalid config: config: cannot tell the format of" in output
