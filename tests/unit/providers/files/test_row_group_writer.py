"""RowGroupWriter: whole row groups, in order, written in the background; errors reach the caller."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from providers.files.row_group_writer import RowGroupWriter

SCHEMA = pa.schema([("n", pa.int64()), ("text", pa.string())])


def batch(start: int, rows: int) -> pa.RecordBatch:
    numbers = list(range(start, start + rows))
    return pa.record_batch([pa.array(numbers), pa.array([str(n) for n in numbers])], schema=SCHEMA)


def test_batches_become_whole_row_groups_in_order(tmp_path):
    path = tmp_path / "out.parquet"
    with pq.ParquetWriter(path, SCHEMA) as writer, RowGroupWriter(writer, SCHEMA, 1000) as groups:
        start = 0
        for size in (300, 450, 700, 10, 1600, 5):
            groups.write(batch(start, size))
            start += size
        groups.flush()
    metadata = pq.ParquetFile(path).metadata
    assert [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)] == [1000, 1000, 1000, 65]
    assert pq.read_table(path).column("n").to_pylist() == list(range(3065))
    assert groups.rows == 3065


class FailingWriter:
    """A Parquet writer whose disk fills up on the second row group."""

    def __init__(self) -> None:
        self.groups = 0

    def write_table(self, table: pa.Table, row_group_size: int) -> None:
        self.groups += 1
        if self.groups == 2:
            raise OSError("No space left on device")


def test_an_error_of_a_background_write_is_raised_to_the_writer():
    groups = RowGroupWriter(FailingWriter(), SCHEMA, 100)
    groups.write(batch(0, 100))
    groups.write(batch(100, 100))
    with pytest.raises(OSError, match="No space left"):
        groups.write(batch(200, 100))
        groups.flush()
    groups.close()


def test_close_waits_for_the_row_group_being_written():
    writer = FailingWriter()
    with RowGroupWriter(writer, SCHEMA, 10) as groups:
        groups.write(batch(0, 10))
    assert writer.groups == 1
