"""Bad input fails with a message naming the node, the file and the line or field."""

import gzip

import pyarrow as pa
import pytest

from providers.components.file_source import FileSourceConfig, read_file
from providers.execution.node_run import NodeRun
from providers.files.file_reading import FileReadError


def read(folder, **config) -> pa.Table:
    run = NodeRun(node_id="orders", dag_id="d", run_id="r", spec_folder=folder)
    return read_file(run, FileSourceConfig.model_validate(config), []).read_all()


def test_a_csv_row_with_too_few_columns_names_node_file_and_row(tmp_path):
    (tmp_path / "a.csv").write_text("a,b,c\n1,2,3\n4,5,6\n7,8\n")
    with pytest.raises(FileReadError) as caught:
        read(tmp_path, path="a.csv")
    message = str(caught.value)
    assert message.startswith("node 'orders': file://")
    assert "a.csv: CSV parse error: Row #4: Expected 3 columns, got 2: 7,8" in message
    assert "check csv.delimiter" in message


def test_a_bad_row_far_into_a_compressed_file_is_found(tmp_path):
    lines = ["id,v"] + [f"{i},{i}" for i in range(200_000)] + ["oops"]
    (tmp_path / "big.csv.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    with pytest.raises(
        FileReadError, match=r"big.csv.gz: CSV parse error: Row #200002: Expected 2 columns, got 1"
    ):
        read(tmp_path, path="big.csv.gz", batch_rows=1000)


def test_a_value_that_does_not_fit_the_declared_type_names_row_and_column(tmp_path):
    (tmp_path / "a.csv").write_text("id,amount\n1,2\n2,abc\n")
    with pytest.raises(FileReadError) as caught:
        read(tmp_path, path="a.csv", column_types={"amount": "int64"})
    message = str(caught.value)
    assert "Row #3" in message and "invalid value 'abc'" in message and "(column 'amount')" in message


def test_a_malformed_json_line_is_named_by_line_number(tmp_path):
    (tmp_path / "e.jsonl").write_text('{"a": 1}\n{"a": 2}\n{"a" 3}\n{"a": 4}\n')
    with pytest.raises(FileReadError, match=r"node 'orders': .*e.jsonl: line 3, column 6: malformed JSON"):
        read(tmp_path, path="e.jsonl")


def test_a_field_first_seen_after_the_first_block_is_named(tmp_path):
    lines = [f'{{"id": {i}, "text": "{"x" * 200}"}}' for i in range(20_000)] + ['{"id": 1, "late": true}']
    (tmp_path / "e.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(
        FileReadError, match=r"line 20001: field 'late' is not in the first block.*column_types"
    ):
        read(tmp_path, path="e.jsonl", batch_rows=100)
    table = read(tmp_path, path="e.jsonl", batch_rows=100, column_types={"late": "bool"})
    assert table.column("late").to_pylist()[-1] is True


def test_malformed_json_document_names_line_and_column(tmp_path):
    (tmp_path / "e.json").write_text('[\n  {"a": 1},\n  {"a": }\n]')
    with pytest.raises(FileReadError, match=r"e.json: line 3, column 9: malformed JSON: Expecting value"):
        read(tmp_path, path="e.json")


def test_a_json_document_of_scalars_is_refused(tmp_path):
    (tmp_path / "e.json").write_text("[1, 2]")
    with pytest.raises(FileReadError, match=r"record 0: expected a JSON object, got int"):
        read(tmp_path, path="e.json")


def test_a_corrupt_gzip_file_is_named(tmp_path):
    (tmp_path / "a.csv.gz").write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate")
    with pytest.raises(FileReadError, match=r"node 'orders': .*a.csv.gz: "):
        read(tmp_path, path="a.csv.gz")


def test_a_truncated_parquet_file_is_named(tmp_path):
    (tmp_path / "p.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(FileReadError, match=r"node 'orders': .*p.parquet: .*Parquet"):
        read(tmp_path, path="p.parquet")
