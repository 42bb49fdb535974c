"""``transform.pivot`` checked against ``pandas.pivot_table``."""

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import ValidationError
from staged_test_tables import count_batches, node_run, orders, stage

from providers.components.pivot_transform import COMPONENT, PivotConfig, pivot_rows
from providers.transforms.input_columns import ColumnNodeError

#: Stands for a null index value on both sides: pandas groups leave null keys out, we keep them.
NULL_INDEX = -1


def pandas_aggregate(name: str) -> object:
    """pandas' function for an ``aggregate``; a sum of nulls only is null (SQL), not pandas' 0."""
    if name == "sum":
        return lambda values: values.sum(min_count=1)
    return name


def pandas_pivot(frame: pd.DataFrame, config: PivotConfig) -> pd.DataFrame:
    """``pd.pivot_table`` over the rows whose ``columns`` value is not null, null index values
    replaced by :data:`NULL_INDEX`, restricted to the index values the input has."""
    frame = frame[frame[config.columns].notna()].copy()
    frame[config.index] = frame[config.index].astype(object).fillna(NULL_INDEX)
    # dropna=False keeps all-null cells, which we keep too; for several index columns it also
    # adds index combinations the input does not have, dropped by the merge below.
    table = pd.pivot_table(
        frame,
        index=config.index,
        columns=config.columns,
        values=config.values,
        aggfunc=pandas_aggregate(config.aggregate or "first"),
        dropna=False,
    )
    # pandas holds integers with nulls as floats: 3.0 is the value 3, named "3" by Arrow.
    table.columns = [str(int(name)) if isinstance(name, float) else str(name) for name in table.columns]
    present = frame[config.index].drop_duplicates()
    result = present.merge(table.reset_index(), on=config.index, how="left")
    if config.aggregate == "count":
        # A cell with no value counts 0, as in transform.aggregate.
        result[list(table.columns)] = result[list(table.columns)].fillna(0)
    return result


def sorted_rows(frame: pd.DataFrame, index: list[str]) -> pd.DataFrame:
    """``frame`` with null index values as :data:`NULL_INDEX`, sorted on the index."""
    frame = frame.copy()
    frame[index] = frame[index].astype(object).fillna(NULL_INDEX)
    return frame.sort_values(index, key=lambda column: column.astype(str)).reset_index(drop=True)


CASES = [
    pytest.param(
        {"index": ["region"], "columns": "customer", "values": "amount", "aggregate": "sum"}, id="sum"
    ),
    pytest.param(
        {"index": ["customer"], "columns": "region", "values": "quantity", "aggregate": "count"}, id="count"
    ),
    pytest.param(
        {"index": ["region"], "columns": "quantity", "values": "amount", "aggregate": "mean"}, id="mean"
    ),
    pytest.param(
        {"index": ["region"], "columns": "customer", "values": "amount", "aggregate": "min"}, id="min"
    ),
    pytest.param(
        {"index": ["customer"], "columns": "quantity", "values": "region", "aggregate": "max"}, id="max"
    ),
    pytest.param(
        {"index": ["region", "customer"], "columns": "quantity", "values": "amount", "aggregate": "first"},
        id="first-two-index-columns",
    ),
    pytest.param({"index": ["order_id"], "columns": "region", "values": "amount"}, id="unique-cells"),
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("rows", [1, 120])
def test_pivot_matches_pandas_pivot_table(tmp_path, case, rows):
    config = PivotConfig.model_validate(case)
    table = orders(rows)
    result = pivot_rows(node_run(tmp_path), config, [stage(tmp_path, table)])
    expected = pandas_pivot(table.to_pandas(), config)
    new_columns = sorted(table.column(config.columns).drop_null().unique().to_pylist())
    assert result.column_names == [*config.index, *(str(value) for value in new_columns)]
    pd.testing.assert_frame_equal(
        sorted_rows(result.to_pandas(), config.index),
        sorted_rows(expected[result.column_names], config.index),
        check_dtype=False,
    )


def test_rows_are_sorted_on_the_index_with_null_last_and_cells_without_rows_are_null(tmp_path):
    table = pa.table(
        {
            "region": ["west", None, "east", "west", "east", "east"],
            "quarter": ["q2", "q1", "q1", "q1", None, "q2"],
            "sales": [1, 2, 3, 4, 5, 6],
        }
    )
    config = PivotConfig(index=["region"], columns="quarter", values="sales", aggregate="sum")
    result = pivot_rows(node_run(tmp_path), config, [stage(tmp_path, table)])
    assert result.to_pylist() == [
        {"region": "east", "q1": 3, "q2": 6},
        {"region": "west", "q1": 4, "q2": 1},
        {"region": None, "q1": 2, "q2": None},
    ]


def test_an_empty_input_gives_the_index_columns_only(tmp_path):
    config = PivotConfig(index=["region"], columns="customer", values="amount", aggregate="sum")
    result = pivot_rows(node_run(tmp_path), config, [stage(tmp_path, orders(0))])
    assert result.num_rows == 0
    assert result.column_names == ["region"]


def test_without_aggregate_two_rows_in_one_cell_are_an_error_showing_them(tmp_path):
    table = pa.table({"region": ["east", "west", "east"], "quarter": ["q1", "q1", "q1"], "sales": [1, 2, 3]})
    config = PivotConfig(index=["region"], columns="quarter", values="sales")
    with pytest.raises(ColumnNodeError) as caught:
        pivot_rows(node_run(tmp_path, "wide"), config, [stage(tmp_path, table)])
    assert str(caught.value) == (
        "node 'wide', aggregate: 2 rows have index (region='east') and quarter='q1'; set aggregate "
        "(first, sum, count, min, max, mean) to combine them"
    )


def test_too_many_new_columns_are_an_error(tmp_path):
    config = PivotConfig(index=["region"], columns="order_id", values="amount", max_columns=10)
    with pytest.raises(ColumnNodeError) as caught:
        pivot_rows(node_run(tmp_path, "wide"), config, [stage(tmp_path, orders(11))])
    assert (
        "node 'wide', max_columns: column 'order_id' has 11 distinct values, more than max_columns (10)"
        in str(caught.value)
    )


BAD_INPUTS = [
    pytest.param(
        {"index": ["regoin"], "columns": "customer", "values": "amount"},
        "node 'wide', index[0]: unknown column 'regoin' (did you mean 'region'?)",
        id="bad-index",
    ),
    pytest.param(
        {"index": ["region"], "columns": "custom", "values": "amount"},
        "node 'wide', columns: unknown column 'custom' (did you mean 'customer'?)",
        id="bad-columns",
    ),
    pytest.param(
        {"index": ["region"], "columns": "customer", "values": "amont"},
        "node 'wide', values: unknown column 'amont' (did you mean 'amount'?)",
        id="bad-values",
    ),
    pytest.param(
        {"index": ["customer"], "columns": "quantity", "values": "region", "aggregate": "sum"},
        "node 'wide', aggregate: sum needs numbers, but column 'region' holds string",
        id="sum-of-text",
    ),
]


@pytest.mark.parametrize(("config", "message"), BAD_INPUTS)
def test_bad_inputs_fail_before_any_row_is_read(tmp_path, monkeypatch, config, message):
    staged = stage(tmp_path, orders(20))
    counter = count_batches(monkeypatch)
    with pytest.raises(ColumnNodeError) as caught:
        pivot_rows(node_run(tmp_path, "wide"), PivotConfig.model_validate(config), [staged])
    assert message in str(caught.value)
    assert counter.batches == 0


def test_a_value_named_like_an_index_column_is_an_error(tmp_path):
    table = pa.table({"east": [1], "region": ["east"], "sales": [1]})
    config = PivotConfig(index=["east"], columns="region", values="sales")
    with pytest.raises(
        ColumnNodeError, match="node 'node', columns: value 'east' would become a column named"
    ):
        pivot_rows(node_run(tmp_path), config, [stage(tmp_path, table)])


def test_index_columns_and_values_must_differ():
    with pytest.raises(ValidationError, match="index, columns and values must name different columns"):
        PivotConfig(index=["region"], columns="region", values="amount")


def test_component_needs_the_whole_input_and_has_a_valid_example():
    assert not COMPONENT.fusable
    assert "whole input" in COMPONENT.description
    PivotConfig.model_validate(COMPONENT.example)
