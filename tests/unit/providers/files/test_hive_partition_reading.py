"""``hive_partitioning: true`` turns ``key=value`` folders back into columns."""

import datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from providers.components.file_sink import FileSinkConfig, write_file
from providers.components.file_source import FileSourceConfig, read_file
from providers.execution.node_run import NodeRun
from providers.files.hive_paths import partition_values
from providers.staging.manifest import StagedData

ROWS = [
    {"id": 1, "region": "eu", "day": datetime.date(2026, 1, 1)},
    {"id": 2, "region": "us", "day": datetime.date(2026, 1, 1)},
    {"id": 3, "region": None, "day": datetime.date(2026, 1, 2)},
    {"id": 4, "region": "a/b=c", "day": datetime.date(2026, 1, 2)},
]


def read(folder, **config) -> pa.Table:
    run = NodeRun(node_id="lake", dag_id="d", run_id="r", spec_folder=folder)
    return read_file(run, FileSourceConfig.model_validate(config), []).read_all()


def test_partitioned_output_reads_back_to_the_same_rows(tmp_path):
    pq.write_table(pa.Table.from_pylist(ROWS), tmp_path / "staged.parquet")
    staged = StagedData(uri=f"file://{tmp_path}/staged.parquet", schema=[], rows=4, bytes=0)
    run = NodeRun(node_id="save", dag_id="d", run_id="r", spec_folder=tmp_path)
    sink = {"path": "lake", "format": "csv", "compression": "gzip", "partition_by": ["region", "day"]}
    write_file(run, FileSinkConfig.model_validate(sink), [staged])

    table = read(tmp_path, path="lake", format="csv", hive_partitioning=True, column_types={"day": "date32"})
    assert table.column_names == ["id", "region", "day"]
    assert sorted(table.to_pylist(), key=lambda row: row["id"]) == ROWS


def test_a_glob_counts_folders_below_its_fixed_part(tmp_path):
    folder = tmp_path / "lake" / "region=eu" / "day=2026-01-01"
    folder.mkdir(parents=True)
    pq.write_table(pa.table({"id": [1]}), folder / "part.parquet")
    table = read(tmp_path, path="lake/*/*/*.parquet", hive_partitioning=True)
    assert table.to_pylist() == [{"id": 1, "region": "eu", "day": "2026-01-01"}]


def test_without_hive_partitioning_folders_are_not_columns(tmp_path):
    folder = tmp_path / "lake" / "region=eu"
    folder.mkdir(parents=True)
    pq.write_table(pa.table({"id": [1]}), folder / "part.parquet")
    assert read(tmp_path, path="lake", format="parquet").column_names == ["id"]


def test_a_column_both_in_the_file_and_the_folder_is_an_error(tmp_path):
    folder = tmp_path / "lake" / "id=7"
    folder.mkdir(parents=True)
    pq.write_table(pa.table({"id": [1]}), folder / "part.parquet")
    with pytest.raises(ValueError, match=r"column id is both in the file and in its folder name"):
        read(tmp_path, path="lake", format="parquet", hive_partitioning=True)


def test_a_partition_value_that_does_not_fit_its_declared_type_names_the_file(tmp_path):
    for day in ("2026-01-01", "soon"):
        folder = tmp_path / "lake" / f"day={day}"
        folder.mkdir(parents=True)
        (folder / "part.jsonl").write_text('{"id": 1}\n')
    with pytest.raises(ValueError, match=r"day=soon/part.jsonl: column 'day' .* cannot be converted"):
        read(tmp_path, path="lake", format="jsonl", hive_partitioning=True, column_types={"day": "date32"})


def test_partition_values_are_unescaped_and_plain_folders_ignored():
    path = "2026/region=a%2Fb/day=__HIVE_DEFAULT_PARTITION__/x=1/part.csv"
    assert partition_values(path) == {"region": "a/b", "day": None, "x": "1"}
    assert partition_values("part.csv") == {}
