"""Which rows of two tables match on their keys, as pairs of row numbers (SQL semantics: nulls never match).

Only the key columns and row numbers go through Arrow's hash join; the other columns are then
taken by row number. That keeps every column type usable (Arrow's join cannot carry lists or
structs), gives the output a column order of our choosing, and a row order that does not depend
on threads: left rows in input order, each with its matches in right-input order, then (for
right and full joins) the right rows that matched nothing.

When the right side has one key column with distinct values (a dimension or lookup table),
inner, left, semi and anti joins look each left key up in a hash of the right keys instead:
the same pairs, without a join and a sort.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

LEFT_ROW = "left_row"
RIGHT_ROW = "right_row"

#: Our ``how`` names → Arrow's ``join_type`` names.
ARROW_JOIN_TYPES = {
    "inner": "inner",
    "left": "left outer",
    "right": "right outer",
    "full": "full outer",
    "semi": "left semi",
    "anti": "left anti",
}


def key_table(
    table: pa.Table, names: Sequence[str], types: Sequence[pa.DataType], row_column: str
) -> pa.Table:
    """The key columns of ``table`` cast to ``types`` and named by position, plus a row number column."""
    import numpy as np
    import pyarrow as pa

    columns = {f"key{i}": table.column(name).cast(types[i]) for i, name in enumerate(names)}
    columns[row_column] = pa.array(np.arange(table.num_rows, dtype=np.int64))
    return pa.table(columns)


#: Joins in which each left row appears at most once when the right keys are unique.
LOOKUP_JOINS = ("inner", "left", "semi", "anti")


@dataclass(frozen=True)
class RightKeys:
    """The right side's :func:`key_table`, and its key column when that is one of distinct values."""

    table: pa.Table
    unique: pa.Array | None


def right_keys(table: pa.Table, names: Sequence[str], types: Sequence[pa.DataType]) -> RightKeys:
    """The right side's keys, worked out once for every batch of the left side."""
    keys = key_table(table, names, types, RIGHT_ROW)
    return RightKeys(keys, unique_key(keys))


def matched_rows(
    left: pa.Table, right: RightKeys, how: str
) -> tuple[pa.ChunkedArray | pa.Array, pa.ChunkedArray | pa.Array | None]:
    """Row numbers of ``left`` (a table made by :func:`key_table`) and ``right`` for each output row.

    A null row number stands for "no row on that side" (outer joins). Semi and anti joins return
    only left row numbers.
    """
    keys = [name for name in left.column_names if name != LEFT_ROW]
    if right.unique is not None and how in LOOKUP_JOINS:
        return _looked_up_rows(left.column(keys[0]), right.unique, how)
    joined = left.join(right.table, keys, join_type=ARROW_JOIN_TYPES[how], use_threads=False)
    if how in ("semi", "anti"):
        return joined.column(LEFT_ROW).sort(), None
    ordered = joined.select([LEFT_ROW, RIGHT_ROW]).sort_by(
        [(LEFT_ROW, "ascending", "at_end"), (RIGHT_ROW, "ascending", "at_end")]
    )
    return ordered.column(LEFT_ROW), ordered.column(RIGHT_ROW)


def unique_key(right: pa.Table) -> pa.Array | None:
    """The right side's key column when there is one and its non-null values are all distinct."""
    import pyarrow.compute as pc

    keys = [name for name in right.column_names if name != RIGHT_ROW]
    if len(keys) != 1:
        return None
    column = right.column(keys[0]).combine_chunks()
    distinct = pc.count_distinct(column, mode="only_valid").as_py()
    return column if distinct == len(column) - column.null_count else None


def _looked_up_rows(
    left_key: pa.ChunkedArray, right_key: pa.Array, how: str
) -> tuple[pa.Array, pa.Array | None]:
    # Each left row matches at most one right row: a hash lookup of the keys gives the pairs
    # in left order directly, without a join and a sort. Null keys find nothing.
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    positions = pc.index_in(left_key, value_set=right_key, skip_nulls=True)
    found = pc.is_valid(positions)
    if how == "left":
        return pa.array(np.arange(len(left_key), dtype=np.int64)), positions.cast(pa.int64())
    if how == "anti":
        return pc.indices_nonzero(pc.invert(found)), None
    left_rows = pc.indices_nonzero(found)
    if how == "semi":
        return left_rows, None
    return left_rows, positions.filter(found).cast(pa.int64())
