"""``transform.limit`` checked against pandas' ``iloc``, and that it stops reading early."""

import pandas as pd
import pytest
from staged_test_tables import count_batches, node_run, orders, stage

from providers.components.limit_transform import COMPONENT, LimitConfig, limit_rows


@pytest.mark.parametrize(
    ("rows", "offset", "batch_rows"),
    [
        (10, 0, 65_536),
        (10, 0, 3),
        (10, 5, 3),
        (7, 6, 3),
        (0, 0, 3),
        (1000, 0, 7),
        (10, 95, 4),
        (10, 200, 4),
    ],
)
@pytest.mark.parametrize("input_rows", [0, 100])
def test_limit_matches_pandas(tmp_path, rows, offset, batch_rows, input_rows):
    table = orders(input_rows)
    config = LimitConfig(rows=rows, offset=offset, batch_rows=batch_rows)
    result = limit_rows(node_run(tmp_path), config, [stage(tmp_path, table)]).read_all()
    expected = table.to_pandas().iloc[offset : offset + rows].reset_index(drop=True)
    assert result.schema == table.schema
    pd.testing.assert_frame_equal(result.to_pandas(), expected, check_dtype=False)


def test_reading_stops_once_the_rows_are_out(tmp_path, monkeypatch):
    staged = stage(tmp_path, orders(1000))
    counter = count_batches(monkeypatch)
    result = limit_rows(
        node_run(tmp_path), LimitConfig(rows=25, offset=10, batch_rows=10), [staged]
    ).read_all()
    assert result.column("order_id").to_pylist() == list(range(10, 35))
    assert counter.batches == 4


def test_limit_streams_and_may_run_inside_its_consumer():
    assert COMPONENT.fusable
    assert "streams" in COMPONENT.description


@pytest.mark.parametrize("config", [{"rows": -1}, {"rows": 5, "offset": -2}, {"offset": 3}])
def test_invalid_config_is_refused(config):
    with pytest.raises(ValueError):
        LimitConfig.model_validate(config)
