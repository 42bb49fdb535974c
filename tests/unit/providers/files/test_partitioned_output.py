"""Partitioned output: Hive-style folders, atomic files, and a rerun that replaces its own files."""

import csv
import gzip
import io
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from providers.components.file_sink import FileSinkConfig, write_file
from providers.execution.node_run import NodeRun
from providers.files.hive_paths import partition_folder
from providers.files.partitioned_output import PartitionedWriter, run_token
from providers.staging.manifest import StagedData

ROWS = [
    {"region": "eu", "day": "2026-01-01", "amount": 1.0},
    {"region": "us", "day": "2026-01-01", "amount": 2.0},
    {"region": "eu", "day": "2026-01-02", "amount": 3.0},
    {"region": None, "day": "2026-01-02", "amount": 4.0},
    {"region": "eu", "day": "2026-01-01", "amount": 5.0},
    {"region": "a/b=c", "day": "2026-01-01", "amount": 6.0},
]


def stage(folder: Path, rows=ROWS) -> StagedData:
    # Several row groups, so partitions recur across input batches.
    pq.write_table(pa.Table.from_pylist(rows), folder / "staged.parquet", row_group_size=2)
    return StagedData(uri=f"file://{folder}/staged.parquet", schema=[], rows=len(rows), bytes=0)


def write(folder: Path, run_id="run_1", rows=ROWS, **config) -> dict:
    run = NodeRun(node_id="save", dag_id="d", run_id=run_id, spec_folder=folder)
    config = {"path": "out", "format": "parquet", "partition_by": ["region", "day"]} | config
    return write_file(run, FileSinkConfig.model_validate(config), [stage(folder, rows)])


def data_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_rows_land_in_hive_folders_and_read_back_with_pyarrow(tmp_path):
    metrics = write(tmp_path)
    table = ds.dataset(tmp_path / "out", partitioning="hive").to_table()
    got = sorted(
        ((r["region"], r["day"], r["amount"]) for r in table.to_pylist()),
        key=lambda row: row[2],
    )
    assert got == [(r["region"], r["day"], r["amount"]) for r in ROWS]
    files = data_files(tmp_path / "out")
    assert metrics["rows_written"] == len(ROWS)
    assert metrics["files_written"] == len(files) == 5
    assert metrics["bytes_written"] == sum(path.stat().st_size for path in files)
    assert metrics["uri"] == f"file://{tmp_path}/out"


def test_partition_columns_are_not_repeated_inside_the_files(tmp_path):
    write(tmp_path)
    for path in data_files(tmp_path / "out"):
        assert pq.read_schema(path).names == ["amount"]


def test_rows_keep_their_input_order_within_a_partition(tmp_path):
    write(tmp_path)
    eu_day_1 = tmp_path / "out" / "region=eu" / "day=2026-01-01"
    [path] = list(eu_day_1.iterdir())
    assert pq.read_table(path).column("amount").to_pylist() == [1.0, 5.0]


def test_null_and_special_values_are_escaped_like_hive():
    assert (
        partition_folder(["region", "day"], [None, "2026-01-01"])
        == "region=__HIVE_DEFAULT_PARTITION__/day=2026-01-01"
    )
    assert partition_folder(["k"], ["a/b=c d"]) == "k=a%2Fb%3Dc%20d"
    assert partition_folder(["flag"], [True]) == "flag=true"


def test_file_names_carry_the_run_token(tmp_path):
    write(tmp_path)
    token = run_token("d", "run_1", "save")
    assert {path.name for path in data_files(tmp_path / "out")} == {f"part-{token}-00000.parquet"}


def test_retry_of_the_same_run_replaces_its_files_and_keeps_other_runs(tmp_path):
    write(tmp_path, run_id="run_1")
    write(tmp_path, run_id="run_2")
    (
        tmp_path / "out" / "region=eu" / f".part-{run_token('d', 'run_1', 'save')}-00000.parquet.x.partial"
    ).write_text("")
    write(tmp_path, run_id="run_1")  # the retry
    table = ds.dataset(tmp_path / "out", partitioning="hive").to_table()
    assert Counter(table.column("amount").to_pylist()) == Counter({r["amount"]: 2 for r in ROWS})
    assert len(data_files(tmp_path / "out")) == 10, "no duplicate files, no leftover temporaries"


def test_a_failed_write_leaves_no_files_of_the_attempt(tmp_path):
    run = NodeRun(node_id="save", dag_id="d", run_id="r", spec_folder=tmp_path)
    config = FileSinkConfig.model_validate({"path": "out", "format": "csv", "partition_by": ["region"]})
    staged = stage(tmp_path)

    class FailingAfterOneBatch:
        def reader(self):
            batches = staged.reader()

            def failing():
                yield next(iter(batches))
                raise RuntimeError("source died")

            return pa.RecordBatchReader.from_batches(batches.schema, failing())

    with pytest.raises(RuntimeError, match=r"source died"):
        write_file(run, config, [FailingAfterOneBatch()])
    assert data_files(tmp_path / "out") == []


def test_many_partitions_with_few_open_files_roll_over_to_new_parts(tmp_path):
    from airflow.sdk import ObjectStoragePath

    from providers.files.batch_writers import open_batch_writer

    schema = pa.schema({"v": pa.int64()})
    writer = PartitionedWriter(
        folder=ObjectStoragePath(f"file://{tmp_path}/out"),
        partition_by=["k"],
        open_writer=lambda handle: open_batch_writer(handle, schema, "parquet"),
        suffix=".parquet",
        token="t",
        max_open_files=2,
    )
    for key, value in zip("abcabc", range(6), strict=True):
        writer.write(pa.record_batch({"k": [key], "v": [value]}))
    written = writer.close()
    assert sorted(Path(file.uri.removeprefix("file://")) for file in written) == data_files(tmp_path / "out")
    assert {path.name for path in data_files(tmp_path / "out")} == {
        "part-t-00000.parquet",
        "part-t-00001.parquet",
    }
    table = ds.dataset(tmp_path / "out", partitioning="hive").to_table()
    assert sorted(table.column("v").to_pylist()) == list(range(6))
    assert len(written) == 6, "with two files open, every partition change finishes a file"


def test_partitioned_gzip_csv_files_read_back_with_python_csv(tmp_path):
    metrics = write(tmp_path, format="csv", compression="gzip", partition_by=["region"])
    paths = data_files(tmp_path / "out")
    assert all(path.name.endswith(".csv.gz") for path in paths)
    rows = []
    for path in paths:
        region = path.parent.name.split("=", 1)[1]
        for row in csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode())):
            rows.append((region, row["day"], float(row["amount"])))
    assert len(rows) == metrics["rows_written"] == len(ROWS)
    assert ("__HIVE_DEFAULT_PARTITION__", "2026-01-02", 4.0) in rows


def test_partition_columns_must_exist_and_leave_data(tmp_path):
    with pytest.raises(ValueError, match=r"node 'save': partition_by names zone, not in the input"):
        write(tmp_path, partition_by=["zone"])
    with pytest.raises(ValueError, match=r"partition_by takes every column"):
        write(tmp_path, partition_by=["region", "day", "amount"])
