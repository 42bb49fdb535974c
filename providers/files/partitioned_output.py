"""Write a stream into Hive-style ``key=value/`` folders, each file atomically, once per run.

Files are named ``part-<run token>-<n><suffix>``; the token is a hash of the DAG, run and
node. Before writing, the files (and leftover temporaries) an earlier attempt of the same
run left anywhere under the folder are deleted, so a retried or re-run task replaces its
own output instead of adding to it, while files of other runs stay.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from providers.files.atomic_output import atomic_output
from providers.files.hive_paths import partition_folder

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.files.batch_writers import BatchWriter

MAX_OPEN_FILES = 64


def run_token(dag_id: str, run_id: str, node_id: str) -> str:
    """A short name that is the same for every attempt of one node in one run."""
    return hashlib.sha256(f"{dag_id}\0{run_id}\0{node_id}".encode()).hexdigest()[:12]


def remove_run_parts(folder: Any, token: str) -> list[str]:
    """Delete the part files of run ``token`` below ``folder`` (an ``ObjectStoragePath``)."""
    fs, root = folder.fs, folder.path
    if not fs.exists(root):
        return []
    ours = (f"part-{token}-", f".part-{token}-")  # finished files, and temporaries of a crash
    removed = [path for path in fs.find(root) if path.rsplit("/", 1)[-1].startswith(ours)]
    for path in removed:
        fs.rm(path)
    return removed


def split_by_partition(
    batch: pa.RecordBatch, columns: Sequence[str]
) -> Iterator[tuple[tuple[Any, ...], pa.RecordBatch]]:
    """The rows of ``batch`` grouped by the values of ``columns`` (which are dropped), in input order."""
    import numpy as np
    import pyarrow as pa

    if batch.num_rows == 0:
        return
    keys = [f"k{index}" for index in range(len(columns))]
    table = pa.table(
        [*(batch.column(c) for c in columns), pa.array(np.arange(batch.num_rows))], names=[*keys, "row"]
    )
    groups = table.group_by(keys, use_threads=False).aggregate([("row", "list")])
    data = batch.drop_columns(list(columns))
    rows = groups.column("row_list")
    for index in range(groups.num_rows):
        values = tuple(groups.column(key)[index].as_py() for key in keys)
        yield values, data.take(rows[index].values)


@dataclass
class _OpenPart:
    uri: str
    target: Any
    exits: ExitStack
    writer: BatchWriter
    rows: int = 0


@dataclass
class WrittenFile:
    """One finished file."""

    uri: str
    rows: int
    bytes: int


@dataclass
class PartitionedWriter:
    """Routes batches to one open file per partition; at most ``max_open_files`` at a time.

    When more partitions are open, the least recently used file is finished, and the next
    rows of its partition go to a new part (``-00001``, ...).

    :param folder: Output folder (an ``ObjectStoragePath``).
    :param partition_by: Partition columns, outermost first.
    :param open_writer: Makes a ``BatchWriter`` for an open binary handle.
    :param suffix: File name ending, e.g. ``.parquet`` or ``.csv.gz``.
    :param token: The run token (see :func:`run_token`).
    """

    folder: Any
    partition_by: Sequence[str]
    open_writer: Callable[[Any], BatchWriter]
    suffix: str
    token: str
    max_open_files: int = MAX_OPEN_FILES
    written: list[WrittenFile] = field(default_factory=list, init=False)
    _open: OrderedDict[str, _OpenPart] = field(default_factory=OrderedDict, init=False, repr=False)
    _parts: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _finished: list[Any] = field(default_factory=list, init=False, repr=False)

    def write(self, batch: pa.RecordBatch) -> None:
        """Append the rows of ``batch`` to their partitions' files."""
        for values, rows in split_by_partition(batch, self.partition_by):
            part = self._part_for(partition_folder(self.partition_by, values))
            part.writer.write(rows)
            part.rows += rows.num_rows

    def _part_for(self, folder: str) -> _OpenPart:
        if folder in self._open:
            self._open.move_to_end(folder)
            return self._open[folder]
        if len(self._open) >= self.max_open_files:
            self._finish(self._open.popitem(last=False)[1])
        number = self._parts.get(folder, 0)
        self._parts[folder] = number + 1
        target = self.folder / folder / f"part-{self.token}-{number:05d}{self.suffix}"
        exits = ExitStack()
        handle = exits.enter_context(atomic_output(target))
        part = _OpenPart(uri=str(target), target=target, exits=exits, writer=self.open_writer(handle))
        self._open[folder] = part
        return part

    def _finish(self, part: _OpenPart) -> None:
        part.writer.close()
        part.exits.close()
        self._finished.append(part.target)
        self.written.append(WrittenFile(uri=part.uri, rows=part.rows, bytes=part.target.stat().st_size))

    def close(self) -> list[WrittenFile]:
        """Finish every open file; return all files written."""
        while self._open:
            self._finish(self._open.popitem(last=False)[1])
        return self.written

    def abort(self) -> None:
        """Delete what this attempt wrote: temporaries of open files, and the finished files."""
        while self._open:
            part = self._open.popitem(last=False)[1]
            with suppress(Exception):
                part.writer.close()
            failure = RuntimeError("write aborted")
            part.exits.__exit__(type(failure), failure, None)
        for target in self._finished:
            with suppress(OSError):
                target.unlink()
        self.written.clear()
