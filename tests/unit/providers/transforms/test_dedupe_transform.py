"""``transform.dedupe`` checked against pandas' ``drop_duplicates``."""

import pandas as pd
import pyarrow as pa
import pytest
from staged_test_tables import count_batches, node_run, orders, stage

from providers.components.dedupe_transform import DedupeConfig, dedupe_rows
from providers.transforms.input_columns import ColumnNodeError

CASES = [
    pytest.param({}, id="all-columns"),
    pytest.param({"keys": ["customer"]}, id="first-by-input-order"),
    pytest.param({"keys": ["customer"], "keep": "last"}, id="last-by-input-order"),
    pytest.param({"keys": ["customer", "region"]}, id="two-keys-with-nulls"),
    pytest.param(
        {"keys": ["region"], "order_by": [{"column": "amount", "descending": True}]}, id="largest-amount"
    ),
    pytest.param(
        {"keys": ["region"], "keep": "last", "order_by": [{"column": "amount", "nulls": "first"}]},
        id="last-by-amount-nulls-first",
    ),
    pytest.param(
        {
            "keys": ["customer"],
            "order_by": [{"column": "quantity"}, {"column": "amount", "descending": True}],
        },
        id="two-order-columns",
    ),
]


def pandas_dedupe(table: pa.Table, config: dict) -> pd.DataFrame:
    frame = table.to_pandas()
    keep = config.get("keep", "first")
    order_by = config.get("order_by", [])
    if order_by:
        nulls = {key.get("nulls", "last") for key in order_by}
        assert len(nulls) == 1, "pandas places nulls the same way for every column"
        frame = frame.sort_values(
            [key["column"] for key in order_by],
            ascending=[not key.get("descending", False) for key in order_by],
            na_position=nulls.pop(),
            kind="stable",
        )
    return frame.drop_duplicates(subset=config.get("keys"), keep=keep).sort_index().reset_index(drop=True)


@pytest.mark.parametrize("config", CASES)
@pytest.mark.parametrize("rows", [0, 1, 40, 300])
def test_dedupe_matches_pandas(tmp_path, config, rows):
    table = orders(rows)
    if not config:
        table = table.drop_columns(["order_id", "amount"])  # so that whole-row duplicates occur
    result = dedupe_rows(node_run(tmp_path), DedupeConfig.model_validate(config), [stage(tmp_path, table)])
    expected = pandas_dedupe(table, config)
    assert result.schema == table.schema
    pd.testing.assert_frame_equal(result.to_pandas(), expected, check_dtype=False)
    if rows == 300 and not config:
        assert result.num_rows < rows


def test_a_misspelt_key_fails_before_any_row_is_read(tmp_path, monkeypatch):
    staged = stage(tmp_path, orders(10))
    counter = count_batches(monkeypatch)
    config = DedupeConfig.model_validate({"keys": ["order_id", "custmer"]})
    with pytest.raises(ColumnNodeError) as caught:
        dedupe_rows(node_run(tmp_path, "latest"), config, [staged])
    assert str(caught.value) == "node 'latest', keys[1]: unknown column 'custmer' (did you mean 'customer'?)"
    assert counter.batches == 0


def test_a_nested_column_among_the_keys_is_named_before_any_row_is_read(tmp_path, monkeypatch):
    table = pa.table({"id": [1, 1], "tags": [[1], [1]]})
    staged = stage(tmp_path, table)
    counter = count_batches(monkeypatch)
    message = r"node 'latest', keys: column 'tags' is list<element: int64>, whose values cannot be compared"
    with pytest.raises(ColumnNodeError, match=message):
        dedupe_rows(node_run(tmp_path, "latest"), DedupeConfig(), [staged])
    assert counter.batches == 0
    result = dedupe_rows(node_run(tmp_path, "latest"), DedupeConfig(keys=["id"]), [staged])
    assert result.to_pylist() == [{"id": 1, "tags": [1]}]


def test_a_misspelt_order_column_names_its_field(tmp_path):
    config = DedupeConfig.model_validate({"order_by": [{"column": "amount"}, {"column": "quantty"}]})
    with pytest.raises(
        ColumnNodeError, match=r"node 'latest', order_by\[1\]\.column: unknown column 'quantty' "
    ):
        dedupe_rows(node_run(tmp_path, "latest"), config, [stage(tmp_path, orders(5))])


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"keys": []}, "at least 1 item"),
        ({"keep": "any"}, "'first' or 'last'"),
        ({"order_by": [{"column": "a", "descending": "sometimes"}]}, "valid boolean"),
    ],
)
def test_invalid_config_is_refused(config, message):
    with pytest.raises(ValueError, match=message):
        DedupeConfig.model_validate(config)
