"""``StreamedInput``: a node's output handed to its consumer in the same process, unstaged."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pyarrow as pa


class NodeInput(Protocol):
    """What an executor may use of an input: staged (``StagedData``) or streamed."""

    @property
    def rows(self) -> int: ...

    @property
    def bytes(self) -> int: ...

    def reader(self, batch_rows: int = ...) -> pa.RecordBatchReader: ...

    def read_table(self) -> pa.Table: ...


class StreamedInput:
    """The output stream of a node that runs inside its consumer's task.

    It can be read once. ``rows`` and ``bytes`` count what has been read so far (all of it once
    the consumer is done); ``seconds`` is the time spent producing it, this node's upstream
    included, so the node's own time is ``seconds`` minus that of its streamed inputs.

    :param node_id: The producing node.
    :param stream: Its output.
    :param inputs: The producing node's own inputs, for its metrics.
    """

    def __init__(self, node_id: str, stream: pa.RecordBatchReader, inputs: Sequence[NodeInput] = ()) -> None:
        self.node_id = node_id
        self.inputs = list(inputs)
        self.rows = 0
        self.bytes = 0
        self.seconds = 0.0
        self._stream: pa.RecordBatchReader | None = stream

    def reader(self, batch_rows: int = 0) -> pa.RecordBatchReader:
        """The stream, counted as it is read; ``batch_rows`` is left to the producer."""
        import pyarrow as pa

        stream = self._take()
        return pa.RecordBatchReader.from_batches(stream.schema, self._counted(stream))

    def read_table(self) -> pa.Table:
        """Everything, in memory."""
        return self.reader().read_all()

    def own_seconds(self) -> float:
        """Time spent in this node alone."""
        upstream = sum(item.seconds for item in self.inputs if isinstance(item, StreamedInput))
        return max(self.seconds - upstream, 0.0)

    def _take(self) -> pa.RecordBatchReader:
        if self._stream is None:
            raise RuntimeError(f"the output of node '{self.node_id}' streams once and was already read")
        stream, self._stream = self._stream, None
        return stream

    def _counted(self, stream: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
        batches = iter(stream)
        while True:
            started = time.perf_counter()
            batch = next(batches, None)
            self.seconds += time.perf_counter() - started
            if batch is None:
                return
            self.rows += batch.num_rows
            self.bytes += batch.nbytes
            yield batch
