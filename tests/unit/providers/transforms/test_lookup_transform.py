"""``transform.lookup`` checked against a left ``pandas.merge`` (which also keeps the main rows' order)."""

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import ValidationError
from staged_test_tables import count_batches, node_run, orders, stage

from providers.components.lookup_transform import COMPONENT, LookupConfig, lookup_columns
from providers.transforms.input_columns import ColumnNodeError


def customers() -> pa.Table:
    """Customers 1 to 5 (not 6) keyed by an int32 ``customer``; a null key, which matches nothing."""
    return pa.table(
        {
            "customer": pa.array([5, 1, 2, 3, 4, None], pa.int32()),
            "region": ["west", "east", "west", "north", "east", "south"],
            "name": ["Eve", "Ann", "Bob", "Cy", "Dan", "Nobody"],
            "tier": pa.array([2, 1, None, 3, 1, 9], pa.int64()),
        }
    )


def pandas_lookup(main: pd.DataFrame, lookup: pd.DataFrame, config: LookupConfig) -> pd.DataFrame:
    """The same lookup with ``pd.merge``; null keys are dropped from the lookup so they match nothing."""
    columns = config.columns or [name for name in lookup.columns if name not in config.on]
    lookup = lookup.dropna(subset=config.on)[[*config.on, *columns]].rename(columns=config.rename)
    how = "inner" if config.on_missing == "drop" else "left"
    return pd.merge(main, lookup, how=how, on=config.on, validate="many_to_one")


CASES = [
    pytest.param({"on": ["customer"], "columns": ["name", "tier"]}, id="chosen-columns"),
    pytest.param(
        {"on": ["customer"], "rename": {"region": "customer_region"}}, id="every-column-one-renamed"
    ),
    pytest.param({"on": ["customer"], "columns": ["tier", "name"], "on_missing": "drop"}, id="drop-missing"),
    pytest.param({"on": ["customer", "region"], "columns": ["name"]}, id="two-keys"),
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("rows", [0, 1, 80])
def test_lookup_matches_pandas_and_keeps_row_order(tmp_path, case, rows):
    config = LookupConfig.model_validate({**case, "batch_rows": 9})
    main, lookup = orders(rows), customers()
    result = lookup_columns(
        node_run(tmp_path), config, [stage(tmp_path, main, "m"), stage(tmp_path, lookup, "l")]
    )
    result = result.read_all()
    expected = pandas_lookup(main.to_pandas(), lookup.to_pandas(), config)
    assert result.schema.names[: main.num_columns] == main.schema.names
    assert result.schema.remove(result.num_columns - 1).field(0) == main.schema.field(
        0
    )  # keys keep their type
    pd.testing.assert_frame_equal(
        result.to_pandas(), expected.reset_index(drop=True), check_dtype=False, check_index_type=False
    )


def test_fail_passes_when_every_key_is_found_and_names_the_first_missing_key_otherwise(tmp_path):
    main = pa.table({"customer": [1, 2, 5, 6, 7], "amount": [1.0, 2.0, 3.0, 4.0, 5.0]})
    lookup = stage(tmp_path, customers(), "l")
    config = LookupConfig(on=["customer"], columns=["name"], on_missing="fail", batch_rows=2)
    found = lookup_columns(
        node_run(tmp_path, "enrich"), config, [stage(tmp_path, main.slice(0, 3), "m1"), lookup]
    )
    assert found.read_all().column("name").to_pylist() == ["Ann", "Bob", "Eve"]
    missing = lookup_columns(node_run(tmp_path, "enrich"), config, [stage(tmp_path, main, "m2"), lookup])
    with pytest.raises(ColumnNodeError) as caught:
        missing.read_all()
    assert "node 'enrich', on_missing: the lookup input (second) has no row for the key (customer=6)" in str(
        caught.value
    )


def test_a_null_key_in_the_main_input_finds_nothing_even_a_null_lookup_key(tmp_path):
    main = pa.table({"customer": pa.array([None, 1], pa.int32())})
    config = LookupConfig(on=["customer"], columns=["name"])
    inputs = [stage(tmp_path, main, "m"), stage(tmp_path, customers(), "l")]
    assert lookup_columns(node_run(tmp_path), config, inputs).read_all().column("name").to_pylist() == [
        None,
        "Ann",
    ]


def test_the_main_input_streams_batch_by_batch(tmp_path, monkeypatch):
    inputs = [stage(tmp_path, orders(300), "m"), stage(tmp_path, customers(), "l")]
    counter = count_batches(monkeypatch)
    output = lookup_columns(
        node_run(tmp_path), LookupConfig(on=["customer"], columns=["name"], batch_rows=10), inputs
    )
    next(iter(output))
    assert counter.batches <= 2  # the lookup input's one batch, then the first main batch


def test_lists_and_other_nested_lookup_columns_are_carried(tmp_path):
    lookup = pa.table({"customer": [1, 2], "tags": pa.array([["a", "b"], None])})
    main = pa.table({"customer": [2, 1, 3]})
    inputs = [stage(tmp_path, main, "m"), stage(tmp_path, lookup, "l")]
    result = lookup_columns(node_run(tmp_path), LookupConfig(on=["customer"]), inputs).read_all()
    assert result.column("tags").to_pylist() == [None, ["a", "b"], None]


BAD_INPUTS = [
    pytest.param(
        {"on": ["custmer"]},
        None,
        "node 'enrich', on[0]: the main input (first) has no column 'custmer' (did you mean 'customer'?)",
        id="key-missing-in-main",
    ),
    pytest.param(
        {"on": ["customer"]},
        pa.table({"cust": [1], "name": ["a"]}),
        "node 'enrich', on[0]: the lookup input (second) has no column 'customer'",
        id="key-missing-in-lookup",
    ),
    pytest.param(
        {"on": ["customer"], "columns": ["nmae"]},
        None,
        "node 'enrich', columns[0]: the lookup input (second) has no column 'nmae' (did you mean 'name'?)",
        id="unknown-lookup-column",
    ),
    pytest.param(
        {"on": ["customer"]},
        None,
        "node 'enrich', columns: 'region' is already a column of the main input (first); give it another "
        "name with rename",
        id="added-column-clashes",
    ),
    pytest.param(
        {"on": ["customer"], "columns": ["name"], "rename": {"name": "amount"}},
        None,
        "node 'enrich', rename.name: 'amount' is already a column of the main input (first)",
        id="renamed-column-clashes",
    ),
    pytest.param(
        {"on": ["customer"], "rename": {"nam": "customer_name"}},
        None,
        "node 'enrich', rename.nam: 'nam' is not a column the lookup adds (did you mean 'name'?)",
        id="rename-of-unknown-column",
    ),
    pytest.param(
        {"on": ["customer"], "columns": ["name"]},
        pa.table({"customer": [1, 3, 2, 3], "name": ["a", "b", "c", "d"]}),
        "node 'enrich', on: the lookup input (second) has 2 rows for the key (customer=3); its keys must "
        "be unique",
        id="duplicated-key",
    ),
    pytest.param(
        {"on": ["customer"], "columns": ["name"]},
        pa.table({"customer": ["1"], "name": ["a"]}),
        "node 'enrich', on: 'customer' of the main input (first) (int64), 'customer' of the lookup input "
        "(second) (string) have no common type",
        id="key-types-incompatible",
    ),
]


@pytest.mark.parametrize(("config", "lookup", "message"), BAD_INPUTS)
def test_bad_inputs_fail_before_any_main_row_is_read(tmp_path, monkeypatch, config, lookup, message):
    main = stage(tmp_path, orders(20), "m")
    lookup = stage(tmp_path, lookup if lookup is not None else customers(), "l")
    counter = count_batches(monkeypatch)
    with pytest.raises(ColumnNodeError) as caught:
        lookup_columns(node_run(tmp_path, "enrich"), LookupConfig.model_validate(config), [main, lookup])
    assert message in str(caught.value)
    assert counter.batches <= 1  # at most the lookup input, read whole to check its keys


def test_rename_must_name_one_of_the_chosen_columns():
    with pytest.raises(ValidationError, match="rename: 'tier' is not one of columns"):
        LookupConfig(on=["customer"], columns=["name"], rename={"tier": "level"})


def test_component_declares_two_inputs_and_a_valid_example():
    assert COMPONENT.inputs.describe() == "exactly 2 inputs"
    assert COMPONENT.fusable
    LookupConfig.model_validate(COMPONENT.example)
