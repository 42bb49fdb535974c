"""``transform.union`` checked against pandas' ``concat``."""

import pandas as pd
import pyarrow as pa
import pytest
from staged_test_tables import count_batches, node_run, orders, stage

from providers.components.union_transform import COMPONENT, UnionConfig, union_rows
from providers.transforms.input_columns import ColumnNodeError

EAST = pa.table({"id": pa.array([1, 2, 2], pa.int32()), "city": ["a", None, None]})
WEST = pa.table({"id": pa.array([2, 3], pa.int64()), "score": [0.5, None], "city": [None, "b"]})
NORTH = pa.table({"score": pa.array([1.5], pa.float32()), "id": pa.array([2], pa.int8())})


def run_union(tmp_path, tables, node_id="all", **config):
    staged = [stage(tmp_path, table, f"input{index}") for index, table in enumerate(tables)]
    return union_rows(node_run(tmp_path, node_id), UnionConfig.model_validate(config), staged).read_all()


@pytest.mark.parametrize("distinct", [False, True])
@pytest.mark.parametrize(
    "tables",
    [
        pytest.param([EAST, WEST], id="two"),
        pytest.param([EAST, WEST, NORTH], id="three"),
        pytest.param([WEST, EAST.slice(0, 0), EAST], id="with-an-empty-input"),
        pytest.param([orders(300), orders(200, seed=3)], id="many-batches"),
    ],
)
def test_union_by_name_matches_pandas(tmp_path, tables, distinct):
    result = run_union(tmp_path, tables, distinct=distinct, batch_rows=16)
    expected = pd.concat([table.to_pandas() for table in tables], ignore_index=True, sort=False)
    if distinct:
        expected = expected.drop_duplicates(ignore_index=True)
    pd.testing.assert_frame_equal(result.to_pandas(), expected, check_dtype=False)


def test_columns_take_a_type_that_fits_every_input(tmp_path):
    result = run_union(tmp_path, [EAST, WEST, NORTH])
    assert result.schema == pa.schema([("id", pa.int64()), ("city", pa.string()), ("score", pa.float64())])
    assert result.column("id").to_pylist() == [1, 2, 2, 2, 3, 2]


@pytest.mark.parametrize("distinct", [False, True])
def test_union_by_position_takes_the_first_inputs_names(tmp_path, distinct):
    renamed = WEST.select(["id", "city"]).rename_columns(["key", "town"])
    result = run_union(tmp_path, [EAST, renamed, EAST], by="position", distinct=distinct)
    frames = [table.to_pandas().set_axis(["id", "city"], axis=1) for table in [EAST, renamed, EAST]]
    expected = pd.concat(frames, ignore_index=True)
    if distinct:
        expected = expected.drop_duplicates(ignore_index=True)
    assert result.schema.names == ["id", "city"]
    pd.testing.assert_frame_equal(result.to_pandas(), expected, check_dtype=False)


def test_incompatible_types_fail_before_any_row_is_read_naming_column_and_types(tmp_path, monkeypatch):
    staged = [stage(tmp_path, EAST, "east"), stage(tmp_path, pa.table({"id": ["x"]}), "text")]
    counter = count_batches(monkeypatch)
    with pytest.raises(ColumnNodeError) as caught:
        union_rows(node_run(tmp_path, "all"), UnionConfig(), staged)
    assert str(caught.value).startswith(
        "node 'all', by: column 'id' is int32 in inputs[0] and string in inputs[1]; "
        "these types cannot be combined"
    )
    assert counter.batches == 0


def test_by_position_needs_as_many_columns_in_every_input(tmp_path):
    with pytest.raises(ColumnNodeError) as caught:
        run_union(tmp_path, [EAST, WEST], by="position")
    assert str(caught.value).startswith("node 'all', by: inputs[1] has 3 columns and inputs[0] has 2")


def test_union_takes_two_or_more_inputs_and_streams_unless_distinct():
    assert (COMPONENT.inputs.minimum, COMPONENT.inputs.maximum) == (2, None)
    assert "Streams" in COMPONENT.description and "distinct" in COMPONENT.description
    assert not COMPONENT.fusable
