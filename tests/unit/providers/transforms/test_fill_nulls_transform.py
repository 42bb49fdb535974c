"""``transform.fill_nulls`` checked against pandas' ``fillna``."""

import datetime
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import ValidationError
from staged_test_tables import node_run, orders, stage

from providers.components.fill_nulls_transform import COMPONENT, FillNullsConfig, fill_nulls
from providers.transforms.input_columns import ColumnNodeError

CASES = [
    pytest.param({"values": {"region": "unknown"}}, {"region": "unknown"}, id="one-column"),
    pytest.param(
        {"values": {"amount": 0, "quantity": 1, "region": "?"}},
        {"amount": 0.0, "quantity": 1, "region": "?"},
        id="several-columns",
    ),
    pytest.param(
        {"value": 0}, {"customer": 0, "amount": 0.0, "quantity": 0, "order_id": 0}, id="int-fits-numbers"
    ),
    pytest.param({"value": 0.5}, {"amount": 0.5}, id="float-fits-floats-only"),
    pytest.param({"value": "none"}, {"region": "none"}, id="text-fits-text-only"),
    pytest.param(
        {"values": {"quantity": 9}, "value": -1},
        {"customer": -1, "amount": -1.0, "quantity": 9, "order_id": -1},
        id="values-win-over-value",
    ),
]


@pytest.mark.parametrize(("config", "pandas_fill"), CASES)
def test_fill_nulls_matches_pandas(tmp_path, config, pandas_fill):
    table = orders(400)
    result = fill_nulls(
        node_run(tmp_path), FillNullsConfig(**config, batch_rows=64), [stage(tmp_path, table)]
    )
    output = result.read_all()
    assert output.schema == table.schema
    expected = table.to_pandas().fillna(pandas_fill)
    pd.testing.assert_frame_equal(output.to_pandas(), expected, check_dtype=False)


@pytest.mark.parametrize(
    ("values", "literal", "expected"),
    [
        pytest.param(pa.array([None, True]), False, [False, True], id="bool"),
        pytest.param(
            pa.array([None, datetime.date(2026, 1, 2)]),
            "2026-01-31",
            [datetime.date(2026, 1, 31)],
            id="date-text",
        ),
        pytest.param(
            pa.array([None], pa.date32()),
            datetime.date(2026, 1, 31),
            [datetime.date(2026, 1, 31)],
            id="yaml-date",
        ),
        pytest.param(
            pa.array([None], pa.timestamp("us")),
            "2026-01-31T08:00:00",
            [datetime.datetime(2026, 1, 31, 8)],
            id="timestamp",
        ),
        pytest.param(pa.array([None], pa.decimal128(8, 2)), 1.5, [Decimal("1.50")], id="float-into-decimal"),
        pytest.param(pa.array([None], pa.decimal128(10, 2)), 0, [Decimal("0.00")], id="int-into-decimal"),
        pytest.param(pa.array([None], pa.int8()), 100, [100], id="int-that-fits-int8"),
    ],
)
def test_literals_are_converted_to_the_column_type(tmp_path, values, literal, expected):
    config = FillNullsConfig(values={"v": literal})
    result = fill_nulls(node_run(tmp_path), config, [stage(tmp_path, pa.table({"v": values}))]).read_all()
    assert result.schema.field("v").type == values.type
    assert result.column("v").to_pylist()[: len(expected)] == expected


@pytest.mark.parametrize(
    ("column", "config", "message"),
    [
        pytest.param(
            pa.array([1, None]),
            {"values": {"amuont": 0}},
            "node 'fill', values.amuont: unknown column 'amuont' (did you mean 'amount'?)",
            id="unknown-column",
        ),
        pytest.param(
            pa.array([1, None]),
            {"values": {"amount": "0"}},
            "node 'fill', values.amount: '0' does not fit column 'amount' of type int64",
            id="text-into-int",
        ),
        pytest.param(
            pa.array([1, None]),
            {"values": {"amount": True}},
            "node 'fill', values.amount: True does not fit column 'amount' of type int64",
            id="bool-into-int",
        ),
        pytest.param(
            pa.array([1, None], pa.int8()),
            {"values": {"amount": 300}},
            "node 'fill', values.amount: 300 does not fit column 'amount' of type int8",
            id="overflow",
        ),
        pytest.param(
            pa.array([1, None], pa.int16()),
            {"value": 70000},
            "node 'fill', value: 70000 does not fit column 'amount' of type int16",
            id="value-overflows-one-column",
        ),
        pytest.param(
            pa.array([None], pa.date32()),
            {"values": {"amount": "31/01/2026"}},
            "node 'fill', values.amount: '31/01/2026' does not fit column 'amount' of type date32[day]",
            id="not-a-date",
        ),
        pytest.param(
            pa.array([None], pa.decimal128(10, 2)),
            {"value": 1.005},
            "node 'fill', value: 1.005 does not fit column 'amount' of type decimal128(10, 2)",
            id="too-many-decimals",
        ),
        pytest.param(
            pa.array([1.5, None]),
            {"values": {"amount": "x"}},
            "node 'fill', values.amount: 'x' does not fit column 'amount' of type double",
            id="text-into-float",
        ),
    ],
)
def test_a_value_that_does_not_fit_its_column_fails_before_any_row(tmp_path, column, config, message):
    with pytest.raises(ColumnNodeError) as caught:
        fill_nulls(
            node_run(tmp_path, "fill"),
            FillNullsConfig(**config),
            [stage(tmp_path, pa.table({"amount": column}))],
        )
    assert str(caught.value).startswith(message)


def test_a_config_without_values_is_refused():
    with pytest.raises(ValidationError, match="set values"):
        FillNullsConfig()


def test_yaml_literals_keep_their_type():
    config = FillNullsConfig(values={"a": True, "b": 1, "c": 1.5, "d": "x", "e": datetime.date(2026, 1, 1)})
    assert [type(value) for value in config.values.values()] == [bool, int, float, str, datetime.date]


def test_the_catalogue_example_is_a_valid_config():
    FillNullsConfig.model_validate(COMPONENT.example)
