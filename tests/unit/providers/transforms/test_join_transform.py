"""``transform.join`` checked against ``pandas.merge``, with SQL null semantics (null keys never match)."""

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import ValidationError
from staged_test_tables import count_batches, node_run, orders, stage

from providers.components.join_transform import COMPONENT, JoinConfig, join_inputs
from providers.transforms.input_columns import ColumnNodeError


def customers() -> pa.Table:
    """Customers keyed by an int32 ``customer`` (the orders use int64): one key twice, one null."""
    return pa.table(
        {
            "customer": pa.array([1, 2, 3, 3, 5, 8, None], pa.int32()),
            "region": ["east", "west", "north", "east", "west", "east", "north"],
            "name": ["Ann", "Bob", "Cy", "Cy bis", "Eve", "Hal", "Nul"],
            "tags": pa.array([["a"], [], ["b", "c"], None, ["d"], ["e"], ["f"]]),
        }
    )


def pandas_join(
    left: pd.DataFrame, right: pd.DataFrame, how: str, left_on, right_on, suffixes
) -> pd.DataFrame:
    """``pd.merge``, except that null keys match nothing (pandas matches null with null)."""
    left_null = left[left[left_on].isna().any(axis=1)]
    right_null = right[right[right_on].isna().any(axis=1)]
    left, right = left.drop(left_null.index), right.drop(right_null.index)
    if how in ("semi", "anti"):
        keys = set(right[right_on].itertuples(index=False, name=None))
        matched = pd.Series(
            [key in keys for key in left[left_on].itertuples(index=False, name=None)], left.index
        )
        return left.loc[matched] if how == "semi" else pd.concat([left.loc[~matched], left_null])
    pandas_how = "outer" if how == "full" else how
    merged = pd.merge(left, right, how=pandas_how, left_on=left_on, right_on=right_on, suffixes=suffixes)
    if left_on != right_on:
        # Unmatched right rows carry their key in the left key column; the right key column goes.
        for lk, rk in zip(left_on, right_on, strict=True):
            merged[lk] = merged[lk].fillna(merged[rk])
        merged = merged.drop(columns=[rk for rk in right_on if rk not in left_on])
    overlap = (set(left.columns) - set(left_on)) & (set(right.columns) - set(right_on))
    parts = [merged]
    if how in ("left", "full"):
        parts.append(left_null.rename(columns={name: name + suffixes[0] for name in overlap}))
    if how in ("right", "full"):
        renamed = {name: name + suffixes[1] for name in overlap} | dict(zip(right_on, left_on, strict=True))
        parts.append(right_null.rename(columns=renamed))
    return pd.concat([merged, *(part for part in parts[1:] if len(part))], ignore_index=True)


def normalized(value: object) -> object:
    """One spelling per value: None for every kind of null, floats for numbers, tuples for lists."""
    if hasattr(value, "__len__") and not isinstance(value, str):
        return tuple(normalized(item) for item in value)
    if value is None or pd.isna(value):
        return None
    return float(value) if isinstance(value, int | float) else value


def rows_of(frame: pd.DataFrame) -> list[tuple]:
    """The rows of ``frame`` as a sorted list, so that two joins compare as multisets of rows."""
    return sorted((tuple(normalized(v) for v in row) for row in frame.itertuples(index=False)), key=repr)


KEYS = [
    pytest.param({"on": ["customer"]}, id="on-one-key"),
    pytest.param({"on": ["customer", "region"]}, id="on-two-keys"),
    pytest.param({"left_on": ["customer"], "right_on": ["id"]}, id="left_on-right_on"),
    pytest.param({"on": ["customer"], "suffixes": ["_order", "_customer"]}, id="both-suffixed"),
]


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize("how", ["inner", "left", "right", "full", "semi", "anti"])
@pytest.mark.parametrize("rows", [0, 1, 60])
def test_join_matches_pandas_with_nulls_never_matching(tmp_path, how, keys, rows):
    left, right = orders(rows), customers()
    if "right_on" in keys:
        right = right.rename_columns(["id", *right.column_names[1:]])
    config = JoinConfig.model_validate({"how": how, "batch_rows": 7, **keys})
    output = join_inputs(
        node_run(tmp_path, "j"), config, [stage(tmp_path, left, "l"), stage(tmp_path, right, "r")]
    )
    result = output.read_all() if isinstance(output, pa.RecordBatchReader) else output
    left_on = keys.get("on", keys.get("left_on"))
    right_on = keys.get("on", keys.get("right_on"))
    expected = pandas_join(
        left.to_pandas(),
        right.to_pandas(),
        how,
        left_on,
        right_on,
        tuple(keys.get("suffixes", ["", "_right"])),
    )
    assert list(result.column_names) == list(expected.columns)
    assert result.num_rows == len(expected)
    assert rows_of(result.to_pandas()) == rows_of(expected)


def test_null_keys_never_match_each_other_unlike_pandas(tmp_path):
    left, right = pa.table({"k": [None, 1], "x": [1, 2]}), pa.table({"k": [None, 1], "y": [3, 4]})
    inputs = [stage(tmp_path, left, "l"), stage(tmp_path, right, "r")]
    result = join_inputs(node_run(tmp_path), JoinConfig(on=["k"]), inputs).read_all()
    assert result.to_pylist() == [{"k": 1, "x": 2, "y": 4}]
    assert len(pd.merge(left.to_pandas(), right.to_pandas(), on="k")) == 2


def test_output_is_left_columns_then_right_non_key_columns_with_suffixes(tmp_path):
    config = JoinConfig(how="right", on=["customer"])
    result = join_inputs(
        node_run(tmp_path), config, [stage(tmp_path, orders(5), "l"), stage(tmp_path, customers(), "r")]
    )
    assert result.column_names == [
        "customer",
        "region",
        "amount",
        "quantity",
        "order_id",
        "region_right",
        "name",
        "tags",
    ]
    assert result.schema.field("customer").type == pa.int64()  # int64 and int32 keys compare as int64


def test_rows_keep_left_order_with_matches_in_right_order_then_unmatched_right_rows(tmp_path):
    left = pa.table({"k": [3, None, 1, 3], "x": ["a", "b", "c", "d"]})
    right = pa.table({"k": [3, 9, None, 3], "y": [30, 90, 0, 31]})
    config = JoinConfig(how="full", on=["k"])
    result = join_inputs(
        node_run(tmp_path), config, [stage(tmp_path, left, "l"), stage(tmp_path, right, "r")]
    )
    assert result.to_pylist() == [
        {"k": 3, "x": "a", "y": 30},
        {"k": 3, "x": "a", "y": 31},
        {"k": None, "x": "b", "y": None},
        {"k": 1, "x": "c", "y": None},
        {"k": 3, "x": "d", "y": 30},
        {"k": 3, "x": "d", "y": 31},
        {"k": 9, "x": None, "y": 90},
        {"k": None, "x": None, "y": 0},
    ]


@pytest.mark.parametrize("how", ["inner", "left", "semi", "anti"])
def test_the_left_input_streams_batch_by_batch(tmp_path, monkeypatch, how):
    left, right = stage(tmp_path, orders(200), "l"), stage(tmp_path, customers(), "r")
    counter = count_batches(monkeypatch)
    output = join_inputs(
        node_run(tmp_path), JoinConfig(how=how, on=["customer"], batch_rows=10), [left, right]
    )
    next(iter(output))
    assert counter.batches <= 2  # the right input's one batch, then the first left batch


@pytest.mark.parametrize("how", ["right", "full"])
def test_right_and_full_joins_read_the_left_input_whole(tmp_path, how):
    left, right = stage(tmp_path, orders(30), "l"), stage(tmp_path, customers(), "r")
    output = join_inputs(
        node_run(tmp_path), JoinConfig(how=how, on=["customer"], batch_rows=10), [left, right]
    )
    assert isinstance(output, pa.Table)


BAD_INPUTS = [
    pytest.param(
        {"on": ["custmer"]},
        None,
        "node 'j', on[0]: the left input (first) has no column 'custmer' (did you mean 'customer'?)",
        id="key-missing-left",
    ),
    pytest.param(
        {"left_on": ["customer"], "right_on": ["customr"]},
        None,
        "node 'j', right_on[0]: the right input (second) has no column 'customr' (did you mean 'customer'?)",
        id="key-missing-right",
    ),
    pytest.param(
        {"on": ["customer"]},
        pa.table({"customer": ["1", "2"], "name": ["a", "b"]}),
        "node 'j', on: 'customer' of the left input (first) (int64), 'customer' of the right input (second) "
        "(string) have no common type to serve as a join key",
        id="key-types-incompatible",
    ),
    pytest.param(
        {"on": ["customer"]},
        pa.table({"customer": [1.0, 2.0], "name": ["a", "b"]}),
        "node 'j', on: 'customer' of the left input (first) (int64), 'customer' of the right input (second) "
        "(double): whole numbers and floating-point numbers do not match reliably as a join key",
        id="key-integer-against-float",
    ),
    pytest.param(
        {"on": ["customer"], "suffixes": ["", "_x"]},
        pa.table({"customer": [1], "region": ["east"], "region_x": ["?"]}),
        "node 'j', suffixes: after adding the suffixes, output column 'region_x' would appear twice",
        id="suffixed-name-clashes",
    ),
]


@pytest.mark.parametrize(("config", "right", "message"), BAD_INPUTS)
def test_bad_inputs_fail_before_any_row_is_read(tmp_path, monkeypatch, config, right, message):
    inputs = [
        stage(tmp_path, orders(20), "l"),
        stage(tmp_path, right if right is not None else customers(), "r"),
    ]
    counter = count_batches(monkeypatch)
    with pytest.raises(ColumnNodeError) as caught:
        join_inputs(node_run(tmp_path, "j"), JoinConfig.model_validate(config), inputs)
    assert message in str(caught.value)
    assert counter.batches == 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "give the key columns: on, or left_on and right_on"),
        ({"on": ["a"], "left_on": ["a"]}, "give either on, or left_on and right_on, not both"),
        ({"left_on": ["a", "b"], "right_on": ["a"]}, "left_on and right_on must name as many columns each"),
        ({"on": ["a"], "suffixes": ["_x", "_x"]}, "the two suffixes must differ"),
        ({"on": ["a"], "how": "outer"}, "Input should be 'inner', 'left', 'right', 'full', 'semi' or 'anti'"),
    ],
)
def test_config_errors_are_spec_errors(config, message):
    with pytest.raises(ValidationError, match=message):
        JoinConfig.model_validate(config)


def test_component_declares_two_inputs_an_example_and_that_it_streams():
    assert COMPONENT.inputs.describe() == "exactly 2 inputs"
    assert COMPONENT.fusable
    JoinConfig.model_validate(COMPONENT.example)
