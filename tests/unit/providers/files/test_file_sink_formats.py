"""``sink.file`` writes CSV, JSON Lines and Parquet, compressed or not, read back another way."""

import bz2
import csv
import datetime
import decimal
import gzip
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from providers.components.file_sink import FileSinkConfig, write_file
from providers.execution.node_run import NodeRun
from providers.staging.manifest import StagedData

TABLE = pa.table(
    {
        "id": pa.array([1, 2, 3], pa.int64()),
        "name": ["Ann", 'say "hi", twice', None],
        "amount": [1.5, None, 3.25],
        "day": [datetime.date(2026, 1, 1), datetime.date(2026, 1, 2), None],
        "price": pa.array([decimal.Decimal("1.10"), None, decimal.Decimal("3.00")], pa.decimal128(6, 2)),
    }
)


def stage(folder, table=TABLE) -> StagedData:
    pq.write_table(table, folder / "staged.parquet")
    return StagedData(uri=f"file://{folder}/staged.parquet", schema=[], rows=table.num_rows, bytes=0)


def write(folder, table=TABLE, **config) -> dict:
    run = NodeRun(node_id="save", dag_id="d", run_id="r", spec_folder=folder)
    return write_file(run, FileSinkConfig.model_validate(config), [stage(folder, table)])


def test_csv_output_reads_back_with_python_csv(tmp_path):
    metrics = write(tmp_path, path="out/orders.csv")
    text = (tmp_path / "out" / "orders.csv").read_text()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["id", "name", "amount", "day", "price"],
        ["1", "Ann", "1.5", "2026-01-01", "1.10"],
        ["2", 'say "hi", twice', "", "2026-01-02", ""],
        ["3", "", "3.25", "", "3.00"],
    ]
    assert metrics == {
        "rows_written": 3,
        "bytes_written": len(text.encode()),
        "files_written": 1,
        "uri": f"file://{tmp_path}/out/orders.csv",
    }


def test_csv_layout_options(tmp_path):
    write(
        tmp_path,
        path="o.csv",
        csv={"delimiter": ";", "header": False, "quoting": "all_valid", "null_string": "NA"},
    )
    first, second, _ = (tmp_path / "o.csv").read_text().splitlines()
    assert first == '"1";"Ann";"1.5";"2026-01-01";"1.10"'
    assert second.split(";")[2] == "NA"


def test_tsv_output_is_tab_separated(tmp_path):
    write(tmp_path, path="o.tsv")
    assert (tmp_path / "o.tsv").read_text().splitlines()[0] == '"id"\t"name"\t"amount"\t"day"\t"price"'


@pytest.mark.parametrize(
    ("path", "decompress"), [("o.csv.gz", gzip.decompress), ("o.csv.bz2", bz2.decompress)]
)
def test_compressed_csv_by_suffix(tmp_path, path, decompress):
    write(tmp_path, path=path)
    rows = list(csv.reader(io.StringIO(decompress((tmp_path / path).read_bytes()).decode())))
    assert len(rows) == 4 and rows[1][1] == "Ann"


def test_zstd_csv_output_reads_back(tmp_path):
    write(tmp_path, path="o.csv.zst")
    with pa.CompressedInputStream(pa.OSFile(str(tmp_path / "o.csv.zst")), "zstd") as stream:
        assert stream.read().decode().splitlines()[1].startswith("1,")


def test_jsonl_output_reads_back_with_python_json(tmp_path):
    write(tmp_path, path="o.jsonl.gz")
    lines = gzip.decompress((tmp_path / "o.jsonl.gz").read_bytes()).decode().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": 1, "name": "Ann", "amount": 1.5, "day": "2026-01-01", "price": "1.10"},
        {"id": 2, "name": 'say "hi", twice', "amount": None, "day": "2026-01-02", "price": None},
        {"id": 3, "name": None, "amount": 3.25, "day": None, "price": "3.00"},
    ]


def test_jsonl_writes_nan_as_null_and_nested_values_as_json(tmp_path):
    table = pa.table(
        {"x": [float("nan"), 1.0], "tags": [["a"], []], "at": [datetime.datetime(2026, 1, 1, 5), None]}
    )
    write(tmp_path, table, path="o.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert datetime.datetime.fromisoformat(lines[0].pop("at")) == datetime.datetime(2026, 1, 1, 5)
    assert lines == [{"x": None, "tags": ["a"]}, {"x": 1.0, "tags": [], "at": None}]


@pytest.mark.parametrize(
    ("codec", "expected"), [(None, "SNAPPY"), ("zstd", "ZSTD"), ("gzip", "GZIP"), ("none", "UNCOMPRESSED")]
)
def test_parquet_codec(tmp_path, codec, expected):
    config = {"path": "o.parquet"} | ({"compression": codec} if codec else {})
    write(tmp_path, **config)
    assert pq.read_metadata(tmp_path / "o.parquet").row_group(0).column(0).compression == expected
    assert pq.read_table(tmp_path / "o.parquet").equals(TABLE)


def test_an_existing_file_is_replaced_whole(tmp_path):
    (tmp_path / "o.csv").write_text("old,content\n" * 1000)
    write(tmp_path, path="o.csv")
    assert len((tmp_path / "o.csv").read_text().splitlines()) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.csv", "staged.parquet"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    (tmp_path / "o.parquet").write_bytes(b"old")
    staged = stage(tmp_path)

    class FailingInput:
        def reader(self):
            batches = staged.reader()

            def failing():
                yield from batches
                raise RuntimeError("upstream file vanished")

            return pa.RecordBatchReader.from_batches(batches.schema, failing())

    run = NodeRun(node_id="save", dag_id="d", run_id="r", spec_folder=tmp_path)
    with pytest.raises(RuntimeError, match="upstream file vanished"):
        write_file(run, FileSinkConfig.model_validate({"path": "o.parquet"}), [FailingInput()])
    assert (tmp_path / "o.parquet").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.parquet", "staged.parquet"]
