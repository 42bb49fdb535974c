import pyarrow as pa
import pytest

from providers.staging.location import node_output_path, run_folder, safe_segment
from providers.staging.manifest import StagedData
from providers.staging.writer import as_reader, stage_batches


def test_run_ids_become_safe_path_segments():
    assert safe_segment("manual__2026-01-01T00:00:00+00:00") == "manual__2026-01-01T00_00_00_00_00"


def test_staged_batches_round_trip_with_a_small_manifest(tmp_path, monkeypatch):
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__STAGING_URL", f"file://{tmp_path}")
    batches = [pa.record_batch({"id": list(range(i, i + 1000)), "v": [1.5] * 1000}) for i in (0, 1000, 2000)]
    reader = pa.RecordBatchReader.from_batches(batches[0].schema, iter(batches))
    target = node_output_path("dag", "run:1", "node")
    staged = stage_batches(reader, target)
    assert staged.rows == 3000
    assert staged.bytes == (tmp_path / "dag" / "run_1" / "node.parquet").stat().st_size
    assert staged.schema == [{"name": "id", "type": "int64"}, {"name": "v", "type": "double"}]
    again = StagedData.from_xcom(staged.to_xcom(), node_id="node")
    assert again.read_table().column("id").to_pylist() == list(range(3000))
    assert sum(batch.num_rows for batch in again.batches(batch_rows=700)) == 3000
    assert max(batch.num_rows for batch in again.batches(batch_rows=700)) <= 700
    assert run_folder("dag", "run:1").exists()


def test_missing_manifest_names_the_upstream_node():
    with pytest.raises(ValueError, match="input 'orders' left no staged data"):
        StagedData.from_xcom(None, node_id="orders")


def test_outputs_of_many_shapes_are_accepted_and_others_refused():
    import pandas as pd

    table = pa.table({"a": [1, 2]})
    for value in (table, table.to_reader(), table.to_batches()[0], pd.DataFrame({"a": [1, 2]})):
        assert as_reader(value).read_all().column("a").to_pylist() == [1, 2]
    with pytest.raises(TypeError, match="got list"):
        as_reader([1, 2])


def test_small_batches_are_staged_in_large_row_groups_read_one_at_a_time(tmp_path):
    import pyarrow.parquet as pq
    from airflow.sdk import ObjectStoragePath

    from providers.staging.writer import ROW_GROUP_ROWS

    rows = ROW_GROUP_ROWS * 2 + 10
    table = pa.table({"id": list(range(rows))})
    staged = stage_batches(
        table.to_reader(max_chunksize=1000), ObjectStoragePath(f"file://{tmp_path}/s.parquet")
    )
    metadata = pq.read_metadata(tmp_path / "s.parquet")
    groups = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
    assert groups == [ROW_GROUP_ROWS, ROW_GROUP_ROWS, 10]
    assert metadata.row_group(0).column(0).compression == "LZ4"
    batches = list(staged.batches(batch_rows=ROW_GROUP_ROWS))
    assert [batch.num_rows for batch in batches] == groups  # a batch never spans two row groups
