"""``transform.sort`` checked against pandas' stable ``sort_values``."""

import pandas as pd
import pytest
from staged_test_tables import count_batches, node_run, orders, stage

from providers.components.sort_transform import SortConfig, sort_rows
from providers.transforms.input_columns import ColumnNodeError

CASES = [
    pytest.param([{"column": "amount"}], id="ascending"),
    pytest.param([{"column": "amount", "descending": True}], id="descending"),
    pytest.param([{"column": "region", "nulls": "first"}], id="nulls-first-ties-stable"),
    pytest.param([{"column": "customer"}, {"column": "amount", "descending": True}], id="two-keys"),
    pytest.param(
        [
            {"column": "region", "descending": True, "nulls": "first"},
            {"column": "quantity", "nulls": "first"},
        ],
        id="two-keys-nulls-first",
    ),
]


@pytest.mark.parametrize("by", CASES)
@pytest.mark.parametrize("rows", [0, 1, 50, 500])
def test_sort_matches_pandas(tmp_path, by, rows):
    table = orders(rows)
    config = SortConfig.model_validate({"by": by})
    result = sort_rows(node_run(tmp_path), config, [stage(tmp_path, table)])
    expected = table.to_pandas().sort_values(
        [key["column"] for key in by],
        ascending=[not key.get("descending", False) for key in by],
        na_position=by[0].get("nulls", "last"),
        kind="stable",
    )
    assert result.schema == table.schema
    pd.testing.assert_frame_equal(result.to_pandas(), expected.reset_index(drop=True), check_dtype=False)


def test_each_key_places_its_own_nulls(tmp_path):
    import pyarrow as pa

    table = pa.table({"a": [None, 1, 1, None], "b": [None, "x", None, "y"]})
    config = SortConfig.model_validate({"by": [{"column": "a", "nulls": "first"}, {"column": "b"}]})
    result = sort_rows(node_run(tmp_path), config, [stage(tmp_path, table)])
    assert result.to_pylist() == [
        {"a": None, "b": "y"},
        {"a": None, "b": None},
        {"a": 1, "b": "x"},
        {"a": 1, "b": None},
    ]


def test_a_misspelt_column_fails_before_any_row_is_read(tmp_path, monkeypatch):
    staged = stage(tmp_path, orders(10))
    counter = count_batches(monkeypatch)
    config = SortConfig.model_validate({"by": [{"column": "region"}, {"column": "amont"}]})
    with pytest.raises(ColumnNodeError) as caught:
        sort_rows(node_run(tmp_path, "ranked"), config, [staged])
    assert str(caught.value) == "node 'ranked', by[1].column: unknown column 'amont' (did you mean 'amount'?)"
    assert counter.batches == 0


def test_a_column_arrow_cannot_sort_fails_naming_node_and_field(tmp_path):
    import pyarrow as pa

    staged = stage(tmp_path, pa.table({"tags": [[1], [2]]}))
    config = SortConfig.model_validate({"by": [{"column": "tags"}]})
    with pytest.raises(ColumnNodeError, match=r"^node 'ranked', by: Sorting not supported for type list"):
        sort_rows(node_run(tmp_path, "ranked"), config, [staged])


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"by": []}, "at least 1 item"),
        ({"by": [{"column": "a", "nulls": "middle"}]}, "'first' or 'last'"),
        ({"by": [{"column": "a", "order": "desc"}]}, "Extra inputs are not permitted"),
    ],
)
def test_invalid_config_is_refused(config, message):
    with pytest.raises(ValueError, match=message):
        SortConfig.model_validate(config)
