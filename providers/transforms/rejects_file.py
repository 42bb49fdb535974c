"""Rows a node sets aside, written to Parquet as they come, next to the node's staged output."""

from __future__ import annotations

from contextlib import ExitStack
from types import TracebackType
from typing import TYPE_CHECKING, Any

from providers.staging.writer import ROW_GROUP_ROWS

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun

ERROR_COLUMN = "_error"


def rejects_path(run: NodeRun, location: str | None = None) -> Any:
    """``location`` (a path relative to the spec, or a URL) or, by default, the node's rejects
    file under the staging store (kept when the run's staged data is cleaned up)."""
    from providers.staging.location import node_rejects_path

    if location is not None:
        return run.resolve_path(location)
    return node_rejects_path(run.dag_id, run.run_id, run.node_id)


class RejectsFile:
    """A Parquet file of rejected rows: the input's columns plus ``_error``, saying why.

    The file is created at the first rejected row and appears under its name only once
    complete (a failed run leaves no partial file). Rows are buffered up to one row group,
    so memory stays bounded however many rows are rejected.

    :param target: Where to write (an ``ObjectStoragePath``).
    :param schema: Schema of the input rows, without ``_error``.
    :param keep: False: count the rejected rows but write nothing (a preview).
    """

    def __init__(self, target: Any, schema: pa.Schema, keep: bool = True) -> None:
        import pyarrow as pa

        self.target = target
        self.keep = keep
        self.schema = schema.append(pa.field(ERROR_COLUMN, pa.string()))
        self.rows = 0
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._files = ExitStack()
        self._writer: Any = None

    def __enter__(self) -> RejectsFile:
        return self

    def write(self, rows: pa.Table, errors: list[str]) -> None:
        """Add ``rows`` (input columns), each with its error message."""
        import pyarrow as pa

        if not rows.num_rows:
            return
        self.rows += rows.num_rows
        if not self.keep:
            return
        self._pending.append(rows.append_column(ERROR_COLUMN, pa.array(errors, pa.string())))
        self._pending_rows += rows.num_rows
        if self._pending_rows >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from providers.files.atomic_output import atomic_output

        if self._writer is None:
            handle = self._files.enter_context(atomic_output(self.target))
            self._writer = self._files.enter_context(
                pq.ParquetWriter(handle, self.schema, compression="zstd")
            )
        self._writer.write_table(pa.concat_tables(self._pending), row_group_size=ROW_GROUP_ROWS)
        self._pending, self._pending_rows = [], 0

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if kind is None and self._pending:
                self._flush()
        except BaseException as failure:
            self._files.__exit__(type(failure), failure, failure.__traceback__)
            raise
        self._files.__exit__(kind, error, trace)
