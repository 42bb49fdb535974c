"""``TableInput``: a node's output held in memory, readable as often as its consumers need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from providers.staging.manifest import DEFAULT_BATCH_ROWS

if TYPE_CHECKING:
    import pyarrow as pa


class TableInput:
    """A small table handed to executors as an input (a preview's sample of an upstream node).

    Unlike ``StreamedInput`` it can be read any number of times, and unlike ``StagedData`` it
    never touches the staging store.

    :param table: The rows.
    """

    def __init__(self, table: pa.Table) -> None:
        self.table = table

    @property
    def rows(self) -> int:
        """Number of rows."""
        return self.table.num_rows

    @property
    def bytes(self) -> int:
        """Size of the rows in memory (Arrow buffers)."""
        return self.table.nbytes

    def reader(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> pa.RecordBatchReader:
        """The rows as a stream of batches of at most ``batch_rows`` rows."""
        return self.table.to_reader(max_chunksize=batch_rows)

    def read_table(self) -> pa.Table:
        """All rows."""
        return self.table
