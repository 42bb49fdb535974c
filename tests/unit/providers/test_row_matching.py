"""Row matching: the lookup path for unique right keys pairs rows exactly as Arrow's hash join does."""

from __future__ import annotations

import pyarrow as pa
import pytest

from providers.transforms.row_matching import (
    LEFT_ROW,
    RIGHT_ROW,
    RightKeys,
    key_table,
    matched_rows,
    right_keys,
    unique_key,
)

LEFT = pa.table({"k": pa.chunked_array([[3, None, 1, 7], [1, 2, 9]], type=pa.int64())})
RIGHT_UNIQUE = pa.table({"k": pa.array([1, 2, None, 3, 4], type=pa.int64())})
RIGHT_REPEATED = pa.table({"k": pa.array([1, 2, 1], type=pa.int64())})


def pairs(left_rows, right_rows) -> list[tuple[int | None, int | None]]:
    left = (
        pa.chunked_array([left_rows]).to_pylist()
        if isinstance(left_rows, pa.Array)
        else left_rows.to_pylist()
    )
    if right_rows is None:
        return [(row, None) for row in left]
    right = right_rows.to_pylist()
    return list(zip(left, right, strict=True))


def keys(table: pa.Table, column: str) -> pa.Table:
    return key_table(table, ["k"], [pa.int64()], column)


@pytest.mark.parametrize("how", ["inner", "left", "semi", "anti"])
def test_unique_right_keys_take_the_lookup_path_and_agree_with_the_hash_join(how):
    right = right_keys(RIGHT_UNIQUE, ["k"], [pa.int64()])
    assert right.unique is not None
    looked_up = pairs(*matched_rows(keys(LEFT, LEFT_ROW), right, how))
    hashed = pairs(*matched_rows(keys(LEFT, LEFT_ROW), RightKeys(right.table, None), how))
    assert looked_up == hashed
    expected = {
        "inner": [(0, 3), (2, 0), (4, 0), (5, 1)],
        "left": [(0, 3), (1, None), (2, 0), (3, None), (4, 0), (5, 1), (6, None)],
        "semi": [(0, None), (2, None), (4, None), (5, None)],
        "anti": [(1, None), (3, None), (6, None)],
    }[how]
    assert looked_up == expected


def test_repeated_or_composite_right_keys_use_the_hash_join():
    assert unique_key(keys(RIGHT_REPEATED, RIGHT_ROW)) is None
    composite = key_table(pa.table({"a": [1], "b": [2]}), ["a", "b"], [pa.int64(), pa.int64()], RIGHT_ROW)
    assert unique_key(composite) is None
    assert unique_key(keys(RIGHT_UNIQUE, RIGHT_ROW)) is not None
    repeated = right_keys(RIGHT_REPEATED, ["k"], [pa.int64()])
    assert repeated.unique is None
    rows = pairs(*matched_rows(keys(LEFT, LEFT_ROW), repeated, "inner"))
    assert rows == [(2, 0), (2, 2), (4, 0), (4, 2), (5, 1)]
