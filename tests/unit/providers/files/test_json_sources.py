"""JSON Lines and JSON documents read by ``source.file``, checked against Python's ``json``."""

import gzip
import json

import pyarrow as pa
import pytest

from providers.components.file_source import FileSourceConfig, read_file
from providers.execution.node_run import NodeRun

RECORDS = [
    {"id": 1, "name": "Ann", "score": 2.5, "tags": ["a", "b"], "address": {"city": "Lyon"}},
    {"id": 2, "name": "Bob", "score": None, "tags": [], "address": {"city": "Oslo"}},
    {"id": 3, "name": None, "score": 4.0, "tags": ["c"], "address": {"city": None}},
]


def reader(folder, **config) -> pa.RecordBatchReader:
    run = NodeRun(node_id="events", dag_id="d", run_id="r", spec_folder=folder)
    return read_file(run, FileSourceConfig.model_validate(config), [])


def jsonl(records) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


@pytest.mark.parametrize("name", ["e.jsonl", "e.ndjson"])
def test_json_lines_become_rows_with_nested_columns(tmp_path, name):
    (tmp_path / name).write_text(jsonl(RECORDS))
    assert reader(tmp_path, path=name).read_all().to_pylist() == RECORDS


def test_json_lines_are_streamed_in_blocks_not_read_whole(tmp_path):
    records = [{"id": i, "text": "x" * 100} for i in range(40_000)]
    (tmp_path / "e.jsonl.gz").write_bytes(gzip.compress(jsonl(records).encode()))
    stream = reader(tmp_path, path="e.jsonl.gz", batch_rows=1000)
    sizes = [batch.num_rows for batch in stream]
    assert sum(sizes) == len(records)
    assert len(sizes) > 2, "a 4 MB file read with a 1 MB block must come in several batches"


def test_json_lines_column_types_are_applied_and_declared_fields_may_be_absent(tmp_path):
    (tmp_path / "e.jsonl").write_text(jsonl([{"id": 1, "at": "2026-01-02T03:04:05"}]))
    table = reader(tmp_path, path="e.jsonl", column_types={"at": "timestamp[us]", "id": "int32"}).read_all()
    assert table.schema.field("id").type == pa.int32()
    assert str(table.schema.field("at").type) == "timestamp[us]"


def test_a_json_document_holding_an_array_of_records(tmp_path):
    (tmp_path / "e.json").write_text(json.dumps(RECORDS))
    assert reader(tmp_path, path="e.json").read_all().to_pylist() == RECORDS


def test_a_json_object_with_one_array_member_uses_that_array(tmp_path):
    (tmp_path / "e.json").write_text(json.dumps({"count": 3, "results": RECORDS}))
    assert reader(tmp_path, path="e.json").read_all().to_pylist() == RECORDS


def test_records_path_selects_a_nested_array(tmp_path):
    document = {"data": {"items": RECORDS, "other": [1]}, "links": []}
    (tmp_path / "e.json").write_text(json.dumps(document))
    table = reader(tmp_path, path="e.json", records="data.items").read_all()
    assert table.to_pylist() == RECORDS


def test_a_json_object_with_several_arrays_needs_records(tmp_path):
    (tmp_path / "e.json").write_text(json.dumps({"a": [], "b": []}))
    with pytest.raises(ValueError, match=r"node 'events'.*e.json.*2 array members \(a, b\); set records"):
        reader(tmp_path, path="e.json")


def test_json_document_batches_respect_batch_rows(tmp_path):
    (tmp_path / "e.json").write_text(json.dumps([{"i": i} for i in range(25)]))
    assert [b.num_rows for b in reader(tmp_path, path="e.json", batch_rows=10)] == [10, 10, 5]


def test_json_document_column_types_cast_values(tmp_path):
    (tmp_path / "e.json").write_text(json.dumps([{"day": "2026-01-02", "n": 1}]))
    table = reader(tmp_path, path="e.json", column_types={"day": "date32", "n": "float64"}).read_all()
    assert str(table.schema.field("day").type) == "date32[day]"
    assert table.column("n").to_pylist() == [1.0]
