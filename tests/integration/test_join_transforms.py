"""``transform.join`` and ``transform.lookup`` run through Airflow, checked against ``pandas.merge``."""

import textwrap
from pathlib import Path

import pandas as pd
import pytest
from dag_runs import run_dag

pytestmark = pytest.mark.usefixtures("airflow_db")

REPO = Path(__file__).resolve().parents[2]
ORDERS = REPO / "dags/data/orders.csv"
CUSTOMERS = REPO / "dags/data/customers.csv"


def write_spec(folder: Path, dag_id: str, nodes: str) -> None:
    spec = f"apiVersion: aggregator/v1\nid: {dag_id}\nnodes:\n" + textwrap.indent(
        textwrap.dedent(nodes), "  "
    )
    (folder / f"{dag_id}.yaml").write_text(spec)


def test_join_then_lookup_match_pandas(spec_folder, bundle):
    managers = spec_folder / "managers.csv"
    # No manager for the south region: its customers' orders get a null manager.
    managers.write_text("region,manager\neast,Ada\nwest,Wes\nnorth,Nora\n")
    out = spec_folder / "enriched.parquet"
    write_spec(spec_folder, "join_lookup", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: customers, type: source.file, config: {{path: "{CUSTOMERS}"}}}}
        - {{id: managers, type: source.file, config: {{path: "{managers}"}}}}
        - id: orders_customers
          type: transform.join
          inputs: [orders, customers]
          config: {{how: left, on: [customer_id], batch_rows: 100}}
        - id: with_manager
          type: transform.lookup
          inputs: [orders_customers, managers]
          config: {{on: [region], columns: [manager], on_missing: null, batch_rows: 64}}
        - {{id: save, type: sink.file, inputs: [with_manager], config: {{path: "{out}"}}}}
        """)  # fmt: skip
    assert run_dag(bundle, "join_lookup").state == "success"
    orders = pd.read_csv(ORDERS)
    expected = pd.merge(orders, pd.read_csv(CUSTOMERS), how="left", on="customer_id")
    expected = pd.merge(expected, pd.read_csv(managers), how="left", on="region")
    result = pd.read_parquet(out)
    assert list(result.columns) == list(expected.columns)
    assert len(result) == len(orders)
    assert result["manager"].isna().sum() == (result["region"] == "south").sum() > 0
    pd.testing.assert_frame_equal(
        result[["order_id", "customer_id", "name", "region", "manager"]],
        expected[["order_id", "customer_id", "name", "region", "manager"]],
        check_dtype=False,
    )


def test_a_join_key_missing_on_one_side_fails_the_task_naming_side_node_and_column(
    spec_folder, bundle, capfd
):
    write_spec(spec_folder, "join_typo", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: customers, type: source.file, config: {{path: "{CUSTOMERS}"}}}}
        - id: both
          type: transform.join
          inputs: [orders, customers]
          config: {{left_on: [customer_id], right_on: [customer]}}
        """)  # fmt: skip
    assert run_dag(bundle, "join_typo").state == "failed"
    output = capfd.readouterr().out
    assert "node 'both', right_on[0]: the right input (second) has no column 'customer'" in output
    assert "(did you mean 'customer_id'?)" in output


def test_a_join_with_one_input_is_a_spec_error():
    from dag_factory.spec.errors import SpecError
    from dag_factory.spec.parsing import parse_spec

    text = textwrap.dedent("""\
        apiVersion: aggregator/v1
        id: one_sided
        nodes:
          - {id: orders, type: source.file, config: {path: a.csv}}
          - {id: both, type: transform.join, inputs: [orders], config: {on: [id]}}
        """)  # fmt: skip
    with pytest.raises(SpecError) as caught:
        parse_spec(text, source="one_sided.yaml")
    assert "exactly 2 inputs" in caught.value.describe()
