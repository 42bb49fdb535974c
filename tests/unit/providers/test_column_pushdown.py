"""A fused ``source.file`` reads only the columns its consumer uses, when that is certain."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from dag_factory.compiler.fusion import PlannedNode
from dag_factory.registry.catalog import default_registry
from providers.execution.node_run import NodeRun
from providers.execution.streamed_input import StreamedInput
from providers.execution.task_inputs import TaskInputs
from providers.operators.pipeline_node import validated_config
from providers.transforms.input_columns import ColumnNodeError

COLUMNS = ["id", "customer_id", "amount", "region", "note"]


def facts(rows: int = 1000) -> pa.Table:
    return pa.table(
        {
            "id": list(range(rows)),
            "customer_id": [index % 7 for index in range(rows)],
            "amount": [None if index % 10 == 0 else index * 0.5 for index in range(rows)],
            "region": [["north", "south", "east"][index % 3] for index in range(rows)],
            "note": [f"row {index}" for index in range(rows)],
        }
    )


@pytest.fixture
def parquet_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts.parquet"
    pq.write_table(facts(), path, row_group_size=300)
    return path


def run_for(node_id: str) -> NodeRun:
    return NodeRun(node_id=node_id, dag_id="pushdown", run_id="r1", spec_folder=Path("/"))


def run_task(chain: list[PlannedNode], node_type: str, config: dict) -> tuple[pa.Table, TaskInputs]:
    """What a task does: open its fused chain, run its own node on it, read the whole result."""
    registry = default_registry()
    component = registry.get(node_type)
    task_inputs = TaskInputs(registry, chain, None, validated_config, run_for)
    inputs = task_inputs.open([chain[0].id])
    result = component.load_executor()(run_for("task"), validated_config(component, config, "task"), inputs)
    table = result.read_all() if isinstance(result, pa.RecordBatchReader) else result
    return table, task_inputs


def source(path: Path, **config: object) -> PlannedNode:
    return PlannedNode("facts", "source.file", (), {"path": str(path), **config})


AGGREGATE = {
    "group_by": ["customer_id"],
    "aggregations": {"rows": "count(*)", "total": "sum(amount)", "priced": "count(amount)"},
}


def expected_aggregate(table: pa.Table) -> pa.Table:
    grouped = table.group_by("customer_id", use_threads=False).aggregate(
        [([], "count_all"), ("amount", "sum"), ("amount", "count")]
    )
    return grouped.rename_columns(["customer_id", "rows", "total", "priced"])


def test_an_aggregate_over_a_fused_parquet_source_reads_only_its_columns(parquet_file):
    table, task_inputs = run_task([source(parquet_file)], "transform.aggregate", AGGREGATE)

    assert table.equals(expected_aggregate(facts()))
    metrics = task_inputs.metrics()["facts"]
    assert metrics["columns_read"] == ["customer_id", "amount"]
    assert metrics["rows_out"] == 1000


def test_count_of_all_rows_reads_no_column_and_still_counts_every_row(parquet_file):
    config = {"aggregations": {"rows": "count(*)"}}
    table, task_inputs = run_task([source(parquet_file)], "transform.aggregate", config)

    assert table.to_pylist() == [{"rows": 1000}]
    assert task_inputs.metrics()["facts"]["columns_read"] == []


def test_an_unknown_aggregated_column_reads_all_and_is_reported_by_the_aggregate(parquet_file):
    config = {"group_by": ["customer_id"], "aggregations": {"total": "sum(amuont)"}}
    with pytest.raises(ColumnNodeError, match=r"aggregations.total: unknown column 'amuont'.*'amount'"):
        run_task([source(parquet_file)], "transform.aggregate", config)


def test_a_transform_that_does_not_declare_its_columns_makes_the_source_read_all(parquet_file):
    keep = PlannedNode("keep", "transform.filter", ("facts",), {"where": "region = 'north'"})
    table, task_inputs = run_task([keep, source(parquet_file)], "transform.aggregate", AGGREGATE)

    north = facts().filter(pa.compute.equal(facts()["region"], "north"))
    assert table.equals(expected_aggregate(north))
    assert task_inputs.metrics()["facts"]["columns_read"] == COLUMNS


def test_a_sink_reads_every_column(parquet_file, tmp_path):
    out = tmp_path / "out.parquet"
    _, task_inputs = run_task([source(parquet_file)], "sink.file", {"path": str(out)})

    assert pq.read_table(out).equals(facts())
    assert task_inputs.metrics()["facts"]["columns_read"] == COLUMNS


def test_declared_column_types_are_read_too_and_a_typo_in_them_is_still_reported(parquet_file):
    typed = source(parquet_file, column_types={"note": "large_string"})
    _, task_inputs = run_task([typed], "transform.aggregate", AGGREGATE)
    assert task_inputs.metrics()["facts"]["columns_read"] == ["customer_id", "amount", "note"]

    typo = source(parquet_file, column_types={"note_": "string"})
    with pytest.raises(ValueError, match="column_types names 'note_'"):
        run_task([typo], "transform.aggregate", AGGREGATE)


def test_a_csv_source_reads_every_column(tmp_path):
    path = tmp_path / "facts.csv"
    pacsv.write_csv(facts(), path)
    table, task_inputs = run_task([source(path)], "transform.aggregate", AGGREGATE)

    assert table.equals(expected_aggregate(facts()))
    assert task_inputs.metrics()["facts"]["columns_read"] == COLUMNS


def test_a_streamed_input_opens_its_producer_once_when_read_with_the_wanted_columns():
    opened: list[frozenset[str] | None] = []

    def opener(wanted: frozenset[str] | None) -> pa.RecordBatchReader:
        opened.append(wanted)
        return facts(10).to_reader()

    streamed = StreamedInput("facts", opener)
    assert opened == []
    assert streamed.reader(columns=["id"]).read_all().num_rows == 10
    assert opened == [frozenset({"id"})]
    assert streamed.rows == 10
    with pytest.raises(RuntimeError, match="streams once"):
        streamed.reader()
