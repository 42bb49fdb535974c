"""``transform.unpivot`` checked against ``pandas.melt``, reordered row by row."""

import pandas as pd
import pyarrow as pa
import pytest
from staged_test_tables import count_batches, node_run, orders, stage

from providers.components.unpivot_transform import COMPONENT, UnpivotConfig, unpivot_columns
from providers.transforms.input_columns import ColumnNodeError


def pandas_unpivot(frame: pd.DataFrame, config: UnpivotConfig) -> pd.DataFrame:
    """``pd.melt`` gives every row of the first value column, then of the second...; ours keeps each
    input row's values together, so reorder by input row (stably)."""
    values = config.values or [name for name in frame.columns if name not in config.ids]
    melted = pd.melt(
        frame.assign(input_row=range(len(frame))),
        id_vars=[*config.ids, "input_row"],
        value_vars=values,
        var_name=config.name_column,
        value_name=config.value_column,
    )
    return melted.sort_values("input_row", kind="stable").drop(columns="input_row").reset_index(drop=True)


CASES = [
    pytest.param({"ids": ["order_id"], "values": ["amount", "quantity"]}, id="int-and-float-become-float"),
    pytest.param({"ids": ["customer", "order_id"], "values": ["quantity"]}, id="one-value-column"),
    pytest.param({"ids": ["order_id", "region"], "values": ["quantity", "customer"]}, id="int32-and-int64"),
    pytest.param(
        {"ids": ["order_id", "region"], "name_column": "measure", "value_column": "number"},
        id="default-values-named-columns",
    ),
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("rows", [0, 1, 45])
def test_unpivot_matches_pandas_melt(tmp_path, case, rows):
    config = UnpivotConfig.model_validate({**case, "batch_rows": 8})
    table = orders(rows)
    result = unpivot_columns(node_run(tmp_path), config, [stage(tmp_path, table)]).read_all()
    expected = pandas_unpivot(table.to_pandas(), config)
    assert result.num_rows == len(expected)
    pd.testing.assert_frame_equal(result.to_pandas(), expected, check_dtype=False)


def test_value_column_takes_the_common_type_and_ids_keep_theirs(tmp_path):
    config = UnpivotConfig(ids=["order_id"], values=["quantity", "amount"])
    result = unpivot_columns(node_run(tmp_path), config, [stage(tmp_path, orders(3))])
    assert result.schema == pa.schema(
        [("order_id", pa.int64()), ("variable", pa.string()), ("value", pa.float64())]
    )


def test_unpivot_streams_batch_by_batch_and_may_be_fused(tmp_path, monkeypatch):
    staged = stage(tmp_path, orders(100))
    counter = count_batches(monkeypatch)
    output = unpivot_columns(
        node_run(tmp_path), UnpivotConfig(ids=["order_id", "region"], batch_rows=10), [staged]
    )
    assert next(iter(output)).num_rows == 10 * 3  # customer, amount, quantity
    assert counter.batches == 1
    assert COMPONENT.fusable
    UnpivotConfig.model_validate(COMPONENT.example)


BAD_INPUTS = [
    pytest.param(
        {"ids": ["ordr_id"]},
        "node 'melt', ids[0]: unknown column 'ordr_id' (did you mean 'order_id'?)",
        id="bad-id",
    ),
    pytest.param(
        {"ids": ["order_id"], "values": ["amout"]},
        "node 'melt', values[0]: unknown column 'amout' (did you mean 'amount'?)",
        id="bad-value",
    ),
    pytest.param(
        {"ids": ["order_id"], "values": ["amount", "region"]},
        "node 'melt', values: 'amount' (double), 'region' (string) have no common type to serve as one value "
        "column; convert one first with transform.derive",
        id="types-without-common-type",
    ),
    pytest.param(
        {"ids": ["order_id", "amount"], "values": ["amount"]},
        "node 'melt', values: column 'amount' is in both ids and values",
        id="column-in-ids-and-values",
    ),
    pytest.param(
        {"ids": ["customer", "region", "amount", "quantity", "order_id"]},
        "node 'melt', values: no column is left to unpivot once ids are kept",
        id="nothing-to-unpivot",
    ),
    pytest.param(
        {"ids": ["order_id", "region"], "values": ["amount"], "name_column": "region"},
        "node 'melt', name_column: output column 'region' would appear twice",
        id="name-column-clashes-with-an-id",
    ),
]


@pytest.mark.parametrize(("config", "message"), BAD_INPUTS)
def test_bad_inputs_fail_before_any_row_is_read(tmp_path, monkeypatch, config, message):
    staged = stage(tmp_path, orders(20))
    counter = count_batches(monkeypatch)
    with pytest.raises(ColumnNodeError) as caught:
        unpivot_columns(node_run(tmp_path, "melt"), UnpivotConfig.model_validate(config), [staged])
    assert message in str(caught.value)
    assert counter.batches == 0
