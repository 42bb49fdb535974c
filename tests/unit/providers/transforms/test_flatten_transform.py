"""``transform.flatten`` checked against pandas' ``json_normalize`` and ``explode``."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from pydantic import ValidationError
from staged_test_tables import node_run, stage

from providers.components.flatten_transform import COMPONENT, FlattenConfig, flatten
from providers.transforms.input_columns import ColumnNodeError

CUSTOMER = pa.struct(
    [("name", pa.string()), ("address", pa.struct([("city", pa.string()), ("zip", pa.int32())]))]
)
ORDERS = pa.table(
    {
        "id": pa.array(range(6), pa.int64()),
        "customer": pa.array(
            [
                {"name": "ann", "address": {"city": "Oslo", "zip": 150}},
                {"name": "bob", "address": {"city": None, "zip": 200}},
                {"name": None, "address": {"city": None, "zip": None}},
                {"name": "cy", "address": {"city": "Rome", "zip": None}},
                {"name": "di", "address": {"city": "Lima", "zip": 7}},
                {"name": "ed", "address": {"city": "Pune", "zip": 8}},
            ],
            CUSTOMER,
        ),
        "items": pa.array([["a", "b"], [], None, ["c"], ["d", None, "e"], ["f"]], pa.list_(pa.string())),
        "prices": pa.array([[1.0, 2.0], [], None, [3.0], [4.0, 5.0, 6.0], [7.0]], pa.list_(pa.float64())),
    }
)


def output_of(tmp_path, table, **config):
    result = flatten(node_run(tmp_path, "flat"), FlattenConfig(**config), [stage(tmp_path, table)])
    return result.read_all()


@pytest.mark.parametrize("separator", ["_", ".", "__"])
def test_structs_flatten_like_json_normalize(tmp_path, separator):
    table = ORDERS.drop_columns(["items", "prices"])
    output = output_of(tmp_path, table, separator=separator, batch_rows=4)
    expected = pd.json_normalize(table.to_pylist(), sep=separator)
    assert output.column_names == list(expected.columns)
    pd.testing.assert_frame_equal(output.to_pandas(), expected, check_dtype=False)


def test_a_null_struct_gives_nulls_in_every_field(tmp_path):
    table = pa.table(
        {
            "s": pa.array(
                [{"a": 1, "b": {"c": 2}}, None],
                pa.struct([("a", pa.int64()), ("b", pa.struct([("c", pa.int64())]))]),
            )
        }
    )
    assert output_of(tmp_path, table).to_pydict() == {"s_a": [1, None], "s_b_c": [2, None]}


def test_only_the_chosen_struct_columns_flatten(tmp_path):
    table = pa.table({"a": pa.array([{"x": 1}]), "b": pa.array([{"y": 2}])})
    output = output_of(tmp_path, table, columns=["b"])
    assert output.column_names == ["a", "b_y"]
    assert output.schema.field("a").type == pa.struct([("x", pa.int64())])


def pandas_explode(frame: pd.DataFrame, columns: list[str], keep_empty: bool) -> pd.DataFrame:
    empty = frame[columns[0]].map(lambda values: values is None or len(values) == 0)
    exploded = frame.explode(columns)
    if not keep_empty:
        exploded = exploded[~empty.reindex(exploded.index)]
    return exploded.reset_index(drop=True)


@pytest.mark.parametrize("keep_empty", [True, False])
@pytest.mark.parametrize("columns", [["items"], ["items", "prices"]])
@pytest.mark.parametrize("batch_rows", [1, 4, 100])
def test_explode_matches_pandas(tmp_path, keep_empty, columns, batch_rows):
    table = ORDERS.drop_columns(["customer"])
    output = output_of(tmp_path, table, explode=columns, keep_empty=keep_empty, batch_rows=batch_rows)
    expected = pandas_explode(table.to_pandas(), columns, keep_empty)
    assert output.schema.field("items").type == pa.string()
    for name in output.column_names:
        assert output.column(name).to_pylist() == [plain(value) for value in expected[name]], name


def plain(value):
    """A value of a pandas frame as pyarrow's ``to_pylist`` gives it."""
    if isinstance(value, (list, np.ndarray)):
        return list(value)
    return None if pd.isna(value) else value


def test_exploded_structs_then_flatten(tmp_path):
    lines = pa.list_(pa.struct([("sku", pa.string()), ("qty", pa.int32())]))
    table = pa.table(
        {"order": [1, 2], "lines": pa.array([[{"sku": "a", "qty": 1}, {"sku": "b", "qty": 2}], []], lines)}
    )
    output = output_of(tmp_path, table, explode=["lines"], keep_empty=True)
    assert output.to_pydict() == {
        "order": [1, 1, 2],
        "lines_sku": ["a", "b", None],
        "lines_qty": [1, 2, None],
    }


def test_fixed_size_and_large_lists_explode(tmp_path):
    table = pa.table(
        {
            "pair": pa.array([[1, 2], None, [5, 6]], pa.list_(pa.int64(), 2)),
            "tags": pa.array([["a", "b"], None, ["e", "f"]], pa.large_list(pa.string())),
        }
    )
    output = output_of(tmp_path, table, explode=["pair", "tags"], keep_empty=False)
    assert output.to_pydict() == {"pair": [1, 2, 5, 6], "tags": ["a", "b", "e", "f"]}


def test_lists_of_unequal_lengths_name_the_row(tmp_path):
    table = pa.table({"a": [[1], [1, 2], [1, 2, 3]], "b": [[1], [1, 2], [1, 2]]})
    with pytest.raises(ColumnNodeError) as caught:
        output_of(tmp_path, table, explode=["a", "b"], batch_rows=2)
    assert str(caught.value) == (
        "node 'flat', explode: input row 3 has 3 element(s) in 'a' but 2 in 'b'; "
        "lists exploded together must have equal lengths"
    )


@pytest.mark.parametrize(
    ("table", "config", "message"),
    [
        pytest.param(
            ORDERS,
            {"explode": ["itmes"]},
            "node 'flat', explode[0]: unknown column 'itmes' (did you mean 'items'?)",
            id="unknown-list",
        ),
        pytest.param(
            ORDERS,
            {"explode": ["id"]},
            "node 'flat', explode[0]: column 'id' is int64, not a list",
            id="not-a-list",
        ),
        pytest.param(
            ORDERS,
            {"columns": ["custmer"]},
            "node 'flat', columns[0]: unknown column 'custmer' (did you mean 'customer'?)",
            id="unknown-struct",
        ),
        pytest.param(
            ORDERS,
            {"columns": ["customer", "id"]},
            "node 'flat', columns[1]: column 'id' is int64, not a struct",
            id="not-a-struct",
        ),
        pytest.param(
            pa.table({"a": pa.array([{"b": 1}]), "a_b": [2]}),
            {},
            "node 'flat', separator: flattening 'a' gives 'a_b', the name of another column",
            id="name-taken",
        ),
    ],
)
def test_a_config_that_does_not_fit_the_input_fails_before_any_row(tmp_path, table, config, message):
    with pytest.raises(ColumnNodeError) as caught:
        flatten(node_run(tmp_path, "flat"), FlattenConfig(**config), [stage(tmp_path, table)])
    assert str(caught.value).startswith(message)


def test_a_column_named_twice_is_refused():
    with pytest.raises(ValidationError, match="explode names 'a' twice"):
        FlattenConfig(explode=["a", "a"])


def test_the_catalogue_example_is_a_valid_config():
    FlattenConfig.model_validate(COMPONENT.example)
