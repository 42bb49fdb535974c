"""``StreamedInput``: a node's output handed to its consumer in the same process, unstaged."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pyarrow as pa

StreamOpener = Callable[[frozenset[str] | None], "pa.RecordBatchReader"]
"""``wanted columns (None: all) -> stream``: runs a producer once its consumer says what it reads."""


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

    The stream is either made already or made by an opener when it is first read: then the
    consumer may say which columns it reads (``wanted``, or ``columns`` of :meth:`reader`), and a
    producer that can skip the others does.

    :param node_id: The producing node.
    :param stream: Its output, or a :data:`StreamOpener` making it.
    :param inputs: The producing node's own inputs, for its metrics.
    """

    def __init__(
        self, node_id: str, stream: pa.RecordBatchReader | StreamOpener, inputs: Sequence[NodeInput] = ()
    ) -> None:
        self.node_id = node_id
        self.inputs = list(inputs)
        self.rows = 0
        self.bytes = 0
        self.seconds = 0.0
        self.wanted: frozenset[str] | None = None
        self._stream: pa.RecordBatchReader | StreamOpener | None = stream

    def reader(self, batch_rows: int = 0, columns: Collection[str] | None = None) -> pa.RecordBatchReader:
        """The stream, counted as it is read; ``batch_rows`` is left to the producer.

        :param columns: The columns the consumer reads (default: ``wanted``); the stream may hold
            more, never fewer of those the producer has.
        """
        import pyarrow as pa

        stream = self._take(self.wanted if columns is None else frozenset(columns))
        return pa.RecordBatchReader.from_batches(stream.schema, self._counted(stream))

    def read_table(self) -> pa.Table:
        """Everything, in memory."""
        return self.reader().read_all()

    def own_seconds(self) -> float:
        """Time spent in this node alone."""
        upstream = sum(item.seconds for item in self.inputs if isinstance(item, StreamedInput))
        return max(self.seconds - upstream, 0.0)

    def _take(self, wanted: frozenset[str] | None) -> pa.RecordBatchReader:
        if self._stream is None:
            raise RuntimeError(f"the output of node '{self.node_id}' streams once and was already read")
        stream, self._stream = self._stream, None
        if not callable(stream):
            return stream
        started = time.perf_counter()
        try:
            return stream(wanted)
        finally:
            self.seconds += time.perf_counter() - started

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


def input_reader(item: NodeInput, batch_rows: int, columns: Collection[str] | None) -> pa.RecordBatchReader:
    """``item``'s batches, telling a streamed producer that only ``columns`` are read (``None``: all).

    The batches may still hold other columns (a staged input, or a producer that cannot skip).
    """
    if isinstance(item, StreamedInput):
        return item.reader(batch_rows, columns)
    return item.reader(batch_rows)
