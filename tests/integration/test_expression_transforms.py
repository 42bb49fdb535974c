"""``transform.filter`` and ``transform.derive`` run through Airflow, checked against pandas."""

import textwrap
from pathlib import Path

import pandas as pd
import pytest
from dag_runs import run_dag

pytestmark = pytest.mark.usefixtures("airflow_db")

REPO = Path(__file__).resolve().parents[2]
ORDERS = REPO / "dags/data/orders.csv"


def write_spec(folder: Path, dag_id: str, nodes: str, params: str = "{}") -> None:
    spec = f"apiVersion: aggregator/v1\nid: {dag_id}\nparams: {params}\nnodes:\n" + textwrap.indent(
        textwrap.dedent(nodes), "  "
    )
    (folder / f"{dag_id}.yaml").write_text(spec)


def test_filter_and_derive_match_pandas(spec_folder, bundle):
    out = spec_folder / "big_paid.parquet"
    write_spec(spec_folder, "filter_derive", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - id: big_paid
          type: transform.filter
          inputs: [orders]
          config: {{where: "status = 'paid' and amount > params.min_amount"}}
        - id: taxed
          type: transform.derive
          inputs: [big_paid]
          config:
            columns:
              amount: "round(amount * 1.2, 2)"
              size: "case when amount > 400 then 'large' else 'medium' end"
              month: "month(ordered_at)"
        - {{id: save, type: sink.file, inputs: [taxed], config: {{path: "{out}"}}}}
        """, params="{min_amount: 250}")  # fmt: skip
    assert run_dag(bundle, "filter_derive").state == "success"
    orders = pd.read_csv(ORDERS, parse_dates=["ordered_at"])
    expected = orders[(orders.status == "paid") & (orders.amount > 250)].copy()
    expected["size"] = ["large" if a > 400 else "medium" for a in expected.amount]
    expected["amount"] = (expected.amount * 1.2).round(2)
    expected["month"] = expected.ordered_at.dt.month
    result = pd.read_parquet(out)
    assert list(result.columns) == [
        "order_id",
        "customer_id",
        "amount",
        "status",
        "ordered_at",
        "size",
        "month",
    ]
    assert len(result) == len(expected) > 0
    pd.testing.assert_frame_equal(
        result[["order_id", "amount", "size", "month"]].reset_index(drop=True),
        expected[["order_id", "amount", "size", "month"]].reset_index(drop=True),
        check_dtype=False,
    )


def test_an_unknown_column_fails_the_task_naming_node_column_and_position(spec_folder, bundle, capfd):
    write_spec(spec_folder, "filter_typo", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: paid, type: transform.filter, inputs: [orders], config: {{where: "stauts = 'paid'"}}}}
        """)  # fmt: skip
    run = run_dag(bundle, "filter_typo")
    assert run.state == "failed"
    output = capfd.readouterr().out
    assert "node 'paid', where: unknown column 'stauts' (did you mean 'status'?) (at character 1)" in output


def test_a_malformed_expression_is_a_spec_error_with_its_position():
    from dag_factory.spec.errors import SpecError
    from dag_factory.spec.parsing import parse_spec

    text = textwrap.dedent("""\
        apiVersion: aggregator/v1
        id: broken
        nodes:
          - {id: orders, type: source.file, config: {path: a.csv}}
          - {id: paid, type: transform.filter, inputs: [orders], config: {where: "amount >"}}
        """)  # fmt: skip
    with pytest.raises(SpecError) as caught:
        parse_spec(text, source="broken.yaml")
    described = caught.value.describe()
    assert "nodes[1].config.where" in described
    assert "expected a value, found the end of the expression (at character 9)" in described
