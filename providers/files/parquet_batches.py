"""Stream a Parquet file with memory bounded by one row group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq


def row_group_batches(parquet: pq.ParquetFile, batch_rows: int) -> Iterator[pa.RecordBatch]:
    """The file's rows, one row group at a time.

    ``ParquetFile.iter_batches`` over the whole file reads ahead and keeps hundreds of
    megabytes alive on a large file; asking for one row group at a time keeps one.
    """
    for index in range(parquet.num_row_groups):
        yield from parquet.iter_batches(batch_size=batch_rows, row_groups=[index])
