"""``RowGroupWriter``: a Parquet writer that writes whole row groups, whatever the batch sizes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa


class RowGroupWriter:
    """Buffer batches and write them to ``writer`` (a ``pq.ParquetWriter``) as row groups of
    ``row_group_rows`` rows; the last group takes the rest on :meth:`flush`.

    Streams often come in small batches (a filter keeps a few rows of each): written as they
    come, each would be a row group of its own, which is slow to write and to read. Memory
    holds at most one row group and one batch.
    """

    def __init__(self, writer: Any, schema: pa.Schema, row_group_rows: int) -> None:
        self.writer = writer
        self.schema = schema
        self.row_group_rows = row_group_rows
        self.rows = 0
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0

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
            self.writer.write_table(table.slice(0, whole), row_group_size=self.row_group_rows)
            rest = table.slice(whole)
            self._pending, self._pending_rows = rest.to_batches(), rest.num_rows

    def flush(self) -> None:
        """Write what is buffered as the last (smaller) row group."""
        import pyarrow as pa

        if self._pending_rows:
            table = pa.Table.from_batches(self._pending, self.schema)
            self.writer.write_table(table, row_group_size=self.row_group_rows)
        self._pending, self._pending_rows = [], 0
