"""``RowGroupWriter``: a Parquet writer that writes whole row groups, whatever the batch sizes."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa


class RowGroupWriter:
    """Buffer batches and write them to ``writer`` (a ``pq.ParquetWriter``) as row groups of
    ``row_group_rows`` rows; the last group takes the rest on :meth:`flush`.

    Streams often come in small batches (a filter keeps a few rows of each): written as they
    come, each would be a row group of its own, which is slow to write and to read.

    A complete row group is encoded and compressed in a background thread (Arrow releases the
    GIL while it does), so the stream's next rows are read and computed meanwhile. Memory
    holds at most the row group being written, the one being gathered and one batch. Use it
    as a context manager, or call :meth:`flush` then :meth:`close`: the file must not be
    closed while a row group is still being written.
    """

    def __init__(self, writer: Any, schema: pa.Schema, row_group_rows: int) -> None:
        self.writer = writer
        self.schema = schema
        self.row_group_rows = row_group_rows
        self.rows = 0
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0
        self._executor: ThreadPoolExecutor | None = None
        self._writing: Future[None] | None = None

    def __enter__(self) -> RowGroupWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def write(self, batch: pa.RecordBatch | pa.Table) -> None:
        """Add rows; whole row groups are written as soon as they are complete."""
        import pyarrow as pa

        if not batch.num_rows:
            return
        self._pending += batch.to_batches() if isinstance(batch, pa.Table) else [batch]
        self._pending_rows += batch.num_rows
        self.rows += batch.num_rows
        if self._pending_rows >= self.row_group_rows:
            table = pa.Table.from_batches(self._pending, self.schema)
            whole = self._pending_rows - self._pending_rows % self.row_group_rows
            self._write_in_background(table.slice(0, whole))
            rest = table.slice(whole)
            self._pending, self._pending_rows = rest.to_batches(), rest.num_rows

    def flush(self) -> None:
        """Write what is buffered as the last (smaller) row group, and wait until all is written."""
        import pyarrow as pa

        if self._pending_rows:
            table = pa.Table.from_batches(self._pending, self.schema)
            self._write_in_background(table)
        self._pending, self._pending_rows = [], 0
        self._wait()

    def close(self) -> None:
        """Wait for a row group still being written (its error is raised) and stop the thread."""
        try:
            self._wait()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
                self._executor = None

    def _write_in_background(self, table: pa.Table) -> None:
        # One row group at a time, in order: wait for the previous one (and raise its error).
        self._wait()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet-row-groups")
        rows = self.row_group_rows
        self._writing = self._executor.submit(self.writer.write_table, table, row_group_size=rows)

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()
