"""Aggregate a stream of batches incrementally: partial results per batch, merged as they grow.

Columns are renamed internally (``k0``… for group keys, ``c0``… for aggregated columns), so
Arrow's generated names (``c0_sum``) cannot clash with the user's column names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from providers.transforms.aggregate_functions import ALL_ROWS, Aggregation

if TYPE_CHECKING:
    import pyarrow as pa

#: Partial rows held before they are merged; merging again waits until they double.
MERGE_ROWS = 65_536
#: Input rows gathered before they are grouped: fewer, larger group-bys cost less than one per
#: batch. Only the columns the aggregations read are kept, and at most ``CHUNK_BYTES`` of them,
#: so memory stays bounded however wide the rows.
CHUNK_ROWS = 4_194_304
CHUNK_BYTES = 128 * 1024 * 1024


class _Pending:
    """Tables of partial rows, merged by ``merge`` once they hold enough rows."""

    def __init__(self, merge: Callable[[pa.Table], pa.Table]) -> None:
        self.merge = merge
        self.tables: list[pa.Table] = []
        self.rows = 0
        self.limit = MERGE_ROWS

    def add(self, table: pa.Table) -> None:
        import pyarrow as pa

        self.tables.append(table)
        self.rows += table.num_rows
        if self.rows >= self.limit and len(self.tables) > 1:
            merged = self.merge(pa.concat_tables(self.tables))
            self.tables, self.rows = [merged], merged.num_rows
            self.limit = max(MERGE_ROWS, 2 * merged.num_rows)


class StreamingAggregate:
    """Group rows by ``keys`` and compute ``aggregations`` over batches fed one at a time.

    :param keys: Group-by columns (may be empty: one group, the whole input).
    :param aggregations: Output column name → aggregation.
    :param schema: The input schema.
    """

    def __init__(
        self, keys: Sequence[str], aggregations: Mapping[str, Aggregation], schema: pa.Schema
    ) -> None:
        import pyarrow as pa

        self.keys = list(keys)
        self.aggregations = dict(aggregations)
        self.schema = schema
        columns = [agg.column for agg in aggregations.values() if agg.column != ALL_ROWS]
        self.columns = {name: f"c{index}" for index, name in enumerate(dict.fromkeys(columns))}
        self.key_names = [f"k{index}" for index in range(len(self.keys))]
        # (internal column, partial function, function merging partials), each once.
        self.partials: dict[str, tuple[str | None, str, str]] = {}
        for agg in aggregations.values():
            column = self.columns.get(agg.column)
            for partial, combine in zip(agg.spec.partials, agg.spec.combine, strict=True):
                self.partials[f"{column}_{partial}" if column else partial] = (column, partial, combine)
        self.distinct = sorted(
            {self.columns[agg.column] for agg in aggregations.values() if agg.function == "count_distinct"}
        )
        self.chunk: list[pa.RecordBatch] = []
        self.chunk_rows = self.chunk_bytes = 0
        self.pending = _Pending(self._merge)
        self.pairs = {column: _Pending(self._distinct_of(column)) for column in self.distinct}
        # The state's columns even when no batch comes (an empty input).
        empty = self._internal(schema.empty_table())
        self.template = pa.concat_tables(
            [self._partial(empty).slice(0, 0), *[self._distinct(empty, column) for column in self.distinct]],
            promote_options="default",
        )

    def add(self, batch: pa.RecordBatch) -> None:
        """Take one batch; rows are folded into the partial results a chunk at a time."""
        if not batch.num_rows:
            return
        needed = batch.select(list(dict.fromkeys(self.keys + list(self.columns))))
        self.chunk.append(needed)
        self.chunk_rows += needed.num_rows
        self.chunk_bytes += needed.nbytes
        if self.chunk_rows >= CHUNK_ROWS or self.chunk_bytes >= CHUNK_BYTES:
            self._fold()

    def _fold(self) -> None:
        import pyarrow as pa

        if not self.chunk:
            return
        table = self._internal(pa.Table.from_batches(self.chunk))
        self.chunk, self.chunk_rows, self.chunk_bytes = [], 0, 0
        self.pending.add(self._partial(table))
        for column, pending in self.pairs.items():
            pending.add(self._distinct(table, column))

    def result(self) -> pa.Table:
        """Keys, then one column per aggregation in the order given."""
        import pyarrow as pa
        import pyarrow.compute as pc

        self._fold()
        parts = [self.template, *self.pending.tables]
        parts += [table for pending in self.pairs.values() for table in pending.tables]
        state = pa.concat_tables(parts, promote_options="default")
        specs = [(name, combine) for name, (_, _, combine) in self.partials.items()]
        specs += [(column, "count_distinct") for column in self.distinct]
        merged = state.group_by(self.key_names, use_threads=False).aggregate(specs)
        value = {name: merged.column(f"{name}_{function}") for name, function in specs}
        outputs = {key: merged.column(name) for key, name in zip(self.keys, self.key_names, strict=True)}
        for output, agg in self.aggregations.items():
            column = self.columns.get(agg.column)
            if agg.function == "count_distinct":
                outputs[output] = pc.fill_null(value[column], 0)
            elif agg.function == "mean":
                total = pc.cast(value[f"{column}_sum"], pa.float64())
                outputs[output] = pc.divide(total, pc.cast(value[f"{column}_count"], pa.float64()))
            elif agg.function == "count":
                outputs[output] = pc.fill_null(value[f"{column}_count" if column else "count_all"], 0)
            else:
                outputs[output] = value[f"{column}_{agg.function}"]
        return pa.table(outputs)

    def _internal(self, table: pa.Table) -> pa.Table:
        names = self.keys + list(self.columns)
        return table.select(names).rename_columns(self.key_names + list(self.columns.values()))

    def _partial(self, table: pa.Table) -> pa.Table:
        specs = [([] if column is None else column, partial) for column, partial, _ in self.partials.values()]
        grouped = table.group_by(self.key_names, use_threads=False).aggregate(specs)
        return grouped.select(self.key_names + list(self.partials))

    def _merge(self, table: pa.Table) -> pa.Table:
        specs = [(name, combine) for name, (_, _, combine) in self.partials.items()]
        merged = table.group_by(self.key_names, use_threads=False).aggregate(specs)
        merged = merged.select(self.key_names + [f"{name}_{combine}" for name, combine in specs])
        return merged.rename_columns(self.key_names + list(self.partials))

    def _distinct_of(self, column: str) -> Callable[[pa.Table], pa.Table]:
        return lambda table: self._distinct(table, column)

    def _distinct(self, table: pa.Table, column: str) -> pa.Table:
        return table.group_by([*self.key_names, column], use_threads=False).aggregate([])
