"""``transform.select`` checked against pandas column selection, dropping and renaming."""

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import ValidationError
from staged_test_tables import node_run, orders, stage

from providers.components.select_transform import COMPONENT, SelectConfig, select_columns
from providers.transforms.input_columns import ColumnNodeError

CASES = [
    pytest.param({"columns": ["amount", "customer"]}, id="keep-and-reorder"),
    pytest.param({"drop": ["region", "quantity"]}, id="drop"),
    pytest.param({"rename": {"amount": "total", "region": "area"}}, id="rename-only"),
    pytest.param({"columns": ["order_id", "amount"], "rename": {"amount": "total"}}, id="keep-and-rename"),
    pytest.param({"columns": ["region", "amount"], "drop": ["customer"]}, id="keep-and-redundant-drop"),
    pytest.param({"rename": {"amount": "region", "region": "amount"}}, id="swap-names"),
    pytest.param({"drop": ["order_id"], "rename": {"customer": "order_id"}}, id="reuse-a-dropped-name"),
]


def pandas_select(frame: pd.DataFrame, config: dict) -> pd.DataFrame:
    if "columns" in config:
        frame = frame[config["columns"]]
    frame = frame.drop(columns=[name for name in config.get("drop", []) if name in frame.columns])
    return frame.rename(columns=config.get("rename", {}))


@pytest.mark.parametrize("config", CASES)
def test_select_matches_pandas(tmp_path, config):
    table = orders(500)
    result = select_columns(
        node_run(tmp_path), SelectConfig(**config, batch_rows=128), [stage(tmp_path, table)]
    )
    expected = pandas_select(table.to_pandas(), config)
    pd.testing.assert_frame_equal(result.read_all().to_pandas(), expected)


class InMemoryInput:
    """An input whose batches are the given table's own arrays, to see whether they are copied."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table

    def reader(self, batch_rows: int) -> pa.RecordBatchReader:
        return self.table.to_reader(max_chunksize=batch_rows)


def test_selected_columns_share_the_input_buffers(tmp_path):
    table = orders(300).combine_chunks()
    config = SelectConfig(columns=["amount", "order_id"], rename={"amount": "total"}, batch_rows=100)
    result = select_columns(node_run(tmp_path), config, [InMemoryInput(table)]).read_all()
    assert result.column("total").num_chunks == 3
    for output, source in (("total", "amount"), ("order_id", "order_id")):
        data = table.column(source).chunk(0).buffers()[1]
        assert all(chunk.buffers()[1].address == data.address for chunk in result.column(output).chunks)


def test_field_types_and_metadata_are_kept(tmp_path):
    schema = pa.schema([pa.field("id", pa.int32(), nullable=False), pa.field("day", pa.date32())])
    table = pa.table({"id": [1, 2], "day": [None, None]}, schema=schema.with_metadata({"origin": "test"}))
    result = select_columns(node_run(tmp_path), SelectConfig(rename={"id": "key"}), [InMemoryInput(table)])
    assert result.schema.field("key") == pa.field("key", pa.int32(), nullable=False)
    assert result.schema.metadata == {b"origin": b"test"}


BAD_INPUT = [
    pytest.param(
        {"columns": ["amount", "custmer"]},
        "node 'node', columns[1]: unknown column 'custmer' (did you mean 'customer'?)",
        id="unknown-kept-column",
    ),
    pytest.param(
        {"drop": ["regoin"]},
        "node 'node', drop[0]: unknown column 'regoin' (did you mean 'region'?)",
        id="drop",
    ),
    pytest.param(
        {"rename": {"amout": "total"}},
        "node 'node', rename.amout: unknown column 'amout' (did you mean 'amount'?)",
        id="unknown-renamed-column",
    ),
    pytest.param(
        {"drop": ["customer", "region", "amount", "quantity", "order_id"]},
        "node 'node', drop: no column would be left",
        id="empty-result",
    ),
    pytest.param(
        {"rename": {"amount": "region"}},
        "node 'node', rename.amount: 'region' is already the name of a kept column",
        id="rename-onto-a-kept-column",
    ),
    pytest.param(
        {"columns": ["amount"], "rename": {"region": "area"}},
        "node 'node', rename.region: column 'region' is not kept, so it cannot be renamed",
        id="rename-a-column-not-kept",
    ),
]


@pytest.mark.parametrize(("config", "message"), BAD_INPUT)
def test_a_config_that_does_not_fit_the_input_fails_before_any_row(tmp_path, config, message):
    with pytest.raises(ColumnNodeError) as caught:
        select_columns(node_run(tmp_path), SelectConfig(**config), [stage(tmp_path, orders(10))])
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"columns": ["a"], "drop": ["a"]}, "column 'a' is both kept (columns) and dropped (drop)"),
        ({"rename": {"a": "c", "b": "c"}}, "rename gives two columns the name 'c'"),
        ({"columns": ["a", "b", "a"]}, "columns names 'a' twice"),
        ({}, "set at least one of columns, drop or rename"),
        ({"columns": []}, "at least 1 item"),
    ],
)
def test_contradictory_configs_are_refused(config, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        SelectConfig(**config)


def test_the_catalogue_example_is_a_valid_config():
    SelectConfig.model_validate(COMPONENT.example)
