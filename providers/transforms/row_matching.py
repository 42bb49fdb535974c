"""Which rows of two tables match on their keys, as pairs of row numbers (SQL semantics: nulls never match).

Only the key columns and row numbers go through Arrow's hash join; the other columns are then
taken by row number. That keeps every column type usable (Arrow's join cannot carry lists or
structs), gives the output a column order of our choosing, and a row order that does not depend
on threads: left rows in input order, each with its matches in right-input order, then (for
right and full joins) the right rows that matched nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def matched_rows(left: pa.Table, right: pa.Table, how: str) -> tuple[pa.ChunkedArray, pa.ChunkedArray | None]:
    """Row numbers of ``left`` and ``right`` (tables made by :func:`key_table`) for each output row.

    A null row number stands for "no row on that side" (outer joins). Semi and anti joins return
    only left row numbers.
    """
    keys = [name for name in left.column_names if name != LEFT_ROW]
    joined = left.join(right, keys, join_type=ARROW_JOIN_TYPES[how], use_threads=False)
    if how in ("semi", "anti"):
        return joined.column(LEFT_ROW).sort(), None
    ordered = joined.select([LEFT_ROW, RIGHT_ROW]).sort_by(
        [(LEFT_ROW, "ascending", "at_end"), (RIGHT_ROW, "ascending", "at_end")]
    )
    return ordered.column(LEFT_ROW), ordered.column(RIGHT_ROW)
