"""``transform.select``, ``transform.cast``, ``transform.fill_nulls`` and ``transform.flatten`` run
through Airflow, checked against pandas."""

import textwrap
from pathlib import Path

import pandas as pd
import pytest
from dag_runs import metrics_of, run_dag

from providers.staging.location import safe_segment

pytestmark = pytest.mark.usefixtures("airflow_db")

CUSTOMERS = """\
id,name,amount,joined,status,internal
1,ann,10.5,2026-01-03,active,x
2,bob,abc,2026-01-04,,y
3,cy,7,not a date,paused,z
4,,12.25,2026-02-01,,w
5,ed,,2026-02-02,active,v
6,fay,3.125,2026-02-30,active,u
7,gus,1e2,2026-03-01,,t
"""


def write_spec(folder: Path, dag_id: str, nodes: str, fuse: bool = True) -> None:
    spec = f"apiVersion: aggregator/v1\nid: {dag_id}\nfuse: {str(fuse).lower()}\nnodes:\n" + textwrap.indent(
        textwrap.dedent(nodes), "  "
    )
    (folder / f"{dag_id}.yaml").write_text(spec)


def cleaning_nodes(source: Path, out: Path, cast_options: str) -> str:
    return f"""\
        - {{id: customers, type: source.file, config: {{path: "{source}"}}}}
        - id: slim
          type: transform.select
          inputs: [customers]
          config: {{columns: [id, name, amount, joined, status], rename: {{name: customer}}}}
        - id: typed
          type: transform.cast
          inputs: [slim]
          config: {{columns: {{id: int32, amount: "decimal(10, 2)", joined: date}}, {cast_options}}}
        - id: filled
          type: transform.fill_nulls
          inputs: [typed]
          config: {{values: {{customer: n/a, status: unknown}}, value: 0}}
        - {{id: save, type: sink.file, inputs: [filled], config: {{path: "{out}"}}}}
        """


def expected_output(source: Path) -> pd.DataFrame:
    frame = pd.read_csv(source, dtype=str)[["id", "name", "amount", "joined", "status"]]
    frame = frame.rename(columns={"name": "customer"})
    amount = pd.to_numeric(frame.amount, errors="coerce")
    joined = pd.to_datetime(frame.joined, format="%Y-%m-%d", errors="coerce")
    too_precise = amount.round(2) != amount  # decimal(10, 2) keeps 2 decimals
    bad = (frame.amount.notna() & (amount.isna() | too_precise)) | (frame.joined.notna() & joined.isna())
    kept = frame.assign(id=frame.id.astype("int32"), amount=amount.fillna(0), joined=joined.dt.date)[~bad]
    return kept.fillna({"customer": "n/a", "status": "unknown"}).reset_index(drop=True)


def test_select_cast_route_and_fill_nulls_match_pandas(spec_folder, bundle):
    source, out = spec_folder / "customers.csv", spec_folder / "clean.parquet"
    source.write_text(CUSTOMERS)
    write_spec(spec_folder, "row_transforms", cleaning_nodes(source, out, "on_error: route"), fuse=False)
    run = run_dag(bundle, "row_transforms")
    assert run.state == "success"
    result = pd.read_parquet(out)
    expected = expected_output(source)
    assert list(result.columns) == ["id", "customer", "amount", "joined", "status"]
    assert result.id.tolist() == expected.id.tolist() == [1, 4, 5, 7]
    pd.testing.assert_frame_equal(result.astype({"amount": float}), expected, check_dtype=False)
    metrics = metrics_of(run, "typed")
    assert metrics["rows_rejected"] == 3
    # The default place is outside the run's staged data, so the clean-up after success keeps it.
    rejects_uri = metrics["rejects_uri"]
    assert rejects_uri.endswith(f"/@rejects/row_transforms/{safe_segment(run.run_id)}/typed.parquet")
    assert pd.read_parquet(rejects_uri.removeprefix("file://")).id.tolist() == [2, 3, 6]


def test_fused_nodes_route_rejects_to_the_chosen_file(spec_folder, bundle):
    source, out = spec_folder / "customers.csv", spec_folder / "clean.parquet"
    source.write_text(CUSTOMERS)
    options = "on_error: route, rejects_path: 'rejects/{{ ds }}.parquet'"
    write_spec(spec_folder, "row_transforms_fused", cleaning_nodes(source, out, options), fuse=True)
    run = run_dag(bundle, "row_transforms_fused")
    assert run.state == "success"
    assert pd.read_parquet(out).id.tolist() == [1, 4, 5, 7]
    rejects = pd.read_parquet(spec_folder / "rejects" / f"{run.logical_date:%Y-%m-%d}.parquet")
    assert rejects.id.tolist() == [2, 3, 6]
    assert rejects._error.tolist() == [
        "amount: 'abc' cannot be converted to decimal(10, 2)",
        "joined: 'not a date' cannot be converted to date32",
        "amount: '3.125' cannot be converted to decimal(10, 2); "
        "joined: '2026-02-30' cannot be converted to date32",
    ]
    assert metrics_of(run, "typed")["rows_rejected"] == 3


def test_a_bad_value_fails_the_run_naming_node_column_value_and_row(spec_folder, bundle, capfd):
    source, out = spec_folder / "customers.csv", spec_folder / "clean.parquet"
    source.write_text(CUSTOMERS)
    write_spec(spec_folder, "row_transforms_fail", cleaning_nodes(source, out, "on_error: fail"))
    assert run_dag(bundle, "row_transforms_fail").state == "failed"
    output = capfd.readouterr().out
    assert "node 'typed', columns.amount: 'abc' (input row 2) cannot be converted to decimal(10, 2)" in output
    assert not out.exists()


def test_flatten_explodes_and_spreads_json_records(spec_folder, bundle):
    source, out = spec_folder / "orders.jsonl", spec_folder / "lines.parquet"
    source.write_text(
        '{"id": 1, "customer": {"name": "ann", "address": {"city": "Oslo"}}, '
        '"lines": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1}]}\n'
        '{"id": 2, "customer": {"name": "bob", "address": {"city": "Rome"}}, "lines": []}\n'
    )
    write_spec(spec_folder, "row_transforms_flatten", f"""\
        - {{id: orders, type: source.file, config: {{path: "{source}"}}}}
        - id: flat
          type: transform.flatten
          inputs: [orders]
          config: {{explode: [lines], keep_empty: true}}
        - {{id: save, type: sink.file, inputs: [flat], config: {{path: "{out}"}}}}
        """)  # fmt: skip
    assert run_dag(bundle, "row_transforms_flatten").state == "success"
    exploded = pd.read_json(source, lines=True).explode("lines")
    expected = pd.json_normalize(exploded.to_dict("records"), sep="_")
    result = pd.read_parquet(out)
    assert list(result.columns) == ["id", "customer_name", "customer_address_city", "lines_sku", "lines_qty"]
    pd.testing.assert_frame_equal(result, expected[list(result.columns)], check_dtype=False)
