"""Run through Airflow: a source fused into an aggregate reads only the aggregate's columns."""

import textwrap
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dag_runs import metrics_of, run_dag

pytestmark = pytest.mark.usefixtures("airflow_db")

COLUMNS = ["id", "customer_id", "amount", "region", "note"]


def write_facts(path: Path, rows: int = 5000) -> None:
    table = pa.table(
        {
            "id": list(range(rows)),
            "customer_id": [index % 11 for index in range(rows)],
            "amount": [None if index % 9 == 0 else index * 0.25 for index in range(rows)],
            "region": [["north", "south", "east"][index % 3] for index in range(rows)],
            "note": [f"row {index}" for index in range(rows)],
        }
    )
    pq.write_table(table, path, row_group_size=1000)


def write_spec(folder: Path, dag_id: str, facts: Path, out: Path, *, fuse: bool, aggregate: bool) -> None:
    consumer = "facts"
    nodes = f"- {{id: facts, type: source.file, config: {{path: '{facts}'}}}}\n"
    if aggregate:
        consumer = "per_customer"
        nodes += textwrap.dedent("""\
            - id: per_customer
              type: transform.aggregate
              inputs: [facts]
              config:
                group_by: [customer_id]
                aggregations: {rows: "count(*)", total: "sum(amount)", last_region: "max(region)"}
            """)  # fmt: skip
    nodes += f"- {{id: save, type: sink.file, inputs: [{consumer}], config: {{path: '{out}'}}}}\n"
    spec = f"apiVersion: aggregator/v1\nid: {dag_id}\nfuse: {str(fuse).lower()}\nnodes:\n"
    (folder / f"{dag_id}.yaml").write_text(spec + textwrap.indent(nodes, "  "))


def test_a_fused_aggregate_gives_the_same_rows_reading_only_the_columns_it_uses(spec_folder, bundle):
    facts = spec_folder / "facts.parquet"
    write_facts(facts)
    for dag_id, fuse in (("pushdown_fused", True), ("pushdown_tasks", False)):
        write_spec(spec_folder, dag_id, facts, spec_folder / f"{dag_id}.parquet", fuse=fuse, aggregate=True)

    fused, tasks = run_dag(bundle, "pushdown_fused"), run_dag(bundle, "pushdown_tasks")

    assert fused.state == tasks.state == "success"
    result = pq.read_table(spec_folder / "pushdown_fused.parquet")
    assert result.equals(pq.read_table(spec_folder / "pushdown_tasks.parquet"))
    assert result.num_rows == 11
    assert sum(result["rows"].to_pylist()) == 5000
    assert metrics_of(fused, "facts")["columns_read"] == ["customer_id", "amount", "region"]
    assert metrics_of(tasks, "facts")["columns_read"] == COLUMNS
    assert metrics_of(fused, "per_customer")["rows_in"] == 5000


def test_a_fused_source_into_a_sink_still_reads_every_column(spec_folder, bundle):
    facts = spec_folder / "facts.parquet"
    write_facts(facts)
    out = spec_folder / "copy.parquet"
    write_spec(spec_folder, "pushdown_copy", facts, out, fuse=True, aggregate=False)

    run = run_dag(bundle, "pushdown_copy")

    assert run.state == "success"
    assert pq.read_table(out).equals(pq.read_table(facts))
    assert metrics_of(run, "facts")["columns_read"] == COLUMNS
