"""Dedupe, aggregate, sort, limit and union run through Airflow, checked against pandas."""

import textwrap
from pathlib import Path

import pandas as pd
import pytest
from dag_runs import run_dag

pytestmark = pytest.mark.usefixtures("airflow_db")

REPO = Path(__file__).resolve().parents[2]
ORDERS = REPO / "dags/data/orders.csv"


def write_spec(folder: Path, dag_id: str, nodes: str) -> None:
    header = f"apiVersion: aggregator/v1\nid: {dag_id}\nnodes:\n"
    spec = header + textwrap.indent(textwrap.dedent(nodes), "  ")
    (folder / f"{dag_id}.yaml").write_text(spec)


def test_dedupe_aggregate_sort_limit_match_pandas(spec_folder, bundle):
    out = spec_folder / "top_statuses.parquet"
    write_spec(spec_folder, "table_transforms", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - id: latest
          type: transform.dedupe
          inputs: [orders]
          config: {{keys: [customer_id], keep: last, order_by: [{{column: ordered_at}}]}}
        - id: by_status
          type: transform.aggregate
          inputs: [latest]
          config:
            group_by: [status]
            batch_rows: 16
            aggregations:
              orders: "count(*)"
              revenue: "sum(amount)"
              average: "mean(amount)"
              customers: "count_distinct(customer_id)"
              first_order: "first(order_id)"
        - id: ranked
          type: transform.sort
          inputs: [by_status]
          config: {{by: [{{column: revenue, descending: true}}]}}
        - {{id: top, type: transform.limit, inputs: [ranked], config: {{rows: 2}}}}
        - {{id: save, type: sink.file, inputs: [top], config: {{path: "{out}"}}}}
        """)  # fmt: skip
    assert run_dag(bundle, "table_transforms").state == "success"
    orders = pd.read_csv(ORDERS, parse_dates=["ordered_at"])
    latest = orders.sort_values("ordered_at", kind="stable").drop_duplicates("customer_id", keep="last")
    expected = (
        latest.sort_index()
        .groupby("status", sort=False)
        .agg(
            orders=("order_id", "size"),
            revenue=("amount", "sum"),
            average=("amount", "mean"),
            customers=("customer_id", "nunique"),
            first_order=("order_id", "first"),
        )
        .reset_index()
        .sort_values("revenue", ascending=False, kind="stable")
        .head(2)
        .reset_index(drop=True)
    )
    result = pd.read_parquet(out)
    assert len(result) == 2
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)


def test_union_of_two_sources_matches_pandas_concat(spec_folder, bundle):
    (spec_folder / "shop.csv").write_text("order_id,amount,status\n1,10,paid\n2,20,\n3,30,paid\n")
    (spec_folder / "market.csv").write_text("amount,order_id,channel\n2.5,3,web\n,4,app\n")
    out = spec_folder / "all.parquet"
    write_spec(spec_folder, "union_sources", f"""\
        - {{id: shop, type: source.file, config: {{path: shop.csv}}}}
        - {{id: market, type: source.file, config: {{path: market.csv}}}}
        - {{id: everything, type: transform.union, inputs: [shop, market]}}
        - {{id: save, type: sink.file, inputs: [everything], config: {{path: "{out}"}}}}
        """)  # fmt: skip
    assert run_dag(bundle, "union_sources").state == "success"
    frames = [pd.read_csv(spec_folder / name) for name in ("shop.csv", "market.csv")]
    expected = pd.concat(frames, ignore_index=True, sort=False)
    result = pd.read_parquet(out)
    assert list(result.columns) == ["order_id", "amount", "status", "channel"]
    assert str(result.amount.dtype) == "float64"
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)


def test_a_sum_of_text_fails_the_task_naming_node_output_and_column(spec_folder, bundle, capfd):
    write_spec(spec_folder, "aggregate_text", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - id: totals
          type: transform.aggregate
          inputs: [orders]
          config: {{aggregations: {{revenue: "sum(status)"}}}}
        """)  # fmt: skip
    assert run_dag(bundle, "aggregate_text").state == "failed"
    assert (
        "node 'totals', aggregations.revenue: aggregate on a non-numeric column: sum(status) needs numbers, "
        "column 'status' is string"
    ) in capfd.readouterr().out
