"""Stream a Parquet file with memory bounded by one row group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq


def row_group_batches(
    parquet: pq.ParquetFile, batch_rows: int, columns: list[str] | None = None
) -> Iterator[pa.RecordBatch]:
    """The file's rows, one row group at a time, in batches of at most ``batch_rows``.

    ``columns`` (``None``: all) are the only ones decoded; the others are skipped on disk.

    ``ParquetFile.iter_batches`` over the whole file reads ahead and keeps hundreds of
    megabytes alive on a large file; reading one row group at a time keeps one, and reading it
    whole decodes its columns in parallel.
    """
    for index in range(parquet.num_row_groups):
        yield from parquet.read_row_group(index, columns=columns).to_batches(max_chunksize=batch_rows)
