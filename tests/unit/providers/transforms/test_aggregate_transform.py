"""``transform.aggregate`` checked against pandas' ``groupby().agg()``, over one or many batches."""

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import ValidationError
from staged_test_tables import count_batches, node_run, orders, stage

import providers.transforms.aggregate_state as aggregate_state
from providers.components.aggregate_transform import AggregateConfig, aggregate_rows
from providers.transforms.input_columns import ColumnNodeError

AGGREGATIONS = {
    "orders": "count(*)",
    "priced": "count(amount)",
    "revenue": "sum(amount)",
    "items": "sum(quantity)",
    "cheapest": "min(amount)",
    "last_region": "max(region)",
    "average": "mean(amount)",
    "regions": "count_distinct(region)",
    "first_amount": "first(amount)",
    "last_quantity": "last(quantity)",
    "first_region": "first(region)",
}
PANDAS = {
    "count": "count",
    "sum": lambda values: values.sum(min_count=1),
    "min": "min",
    "max": "max",
    "mean": "mean",
    "count_distinct": "nunique",
    "first": "first",
    "last": "last",
}


def pandas_aggregate(table: pa.Table, group_by: list[str], aggregations: dict[str, str]) -> pd.DataFrame:
    frame = table.to_pandas().assign(_all=0)
    named = {}
    for output, text in aggregations.items():
        function, column = text.rstrip(")").split("(")
        named[output] = ("_all", "size") if column == "*" else (column, PANDAS[function])
    grouped = frame.groupby(group_by or ["_all"], dropna=False, sort=False).agg(**named)
    return (grouped.reset_index() if group_by else grouped).reset_index(drop=True)


@pytest.mark.parametrize(
    "group_by", [[], ["region"], ["customer"], ["region", "customer"]], ids=["whole", "one", "int", "two"]
)
@pytest.mark.parametrize(
    ("rows", "batch_rows", "merge_rows"),
    [(1, 65_536, 65_536), (60, 65_536, 65_536), (400, 7, 65_536), (400, 7, 16), (1000, 50, 5)],
    ids=["one-row", "one-batch", "batches", "merged", "merged-often"],
)
def test_aggregate_matches_pandas(tmp_path, monkeypatch, group_by, rows, batch_rows, merge_rows):
    monkeypatch.setattr(aggregate_state, "MERGE_ROWS", merge_rows)
    # One chunk per batch, so that partial results are made and merged as on a large input.
    monkeypatch.setattr(aggregate_state, "CHUNK_ROWS", batch_rows)
    table = orders(rows)
    config = AggregateConfig(group_by=group_by, aggregations=AGGREGATIONS, batch_rows=batch_rows)
    result = aggregate_rows(node_run(tmp_path), config, [stage(tmp_path, table)])
    expected = pandas_aggregate(table, group_by, AGGREGATIONS)
    assert result.schema.names == [*group_by, *AGGREGATIONS]
    pd.testing.assert_frame_equal(result.to_pandas(), expected, check_dtype=False)


def test_an_empty_input_gives_one_row_for_the_whole_table_and_none_per_group(tmp_path):
    staged = stage(tmp_path, orders(0))
    whole = aggregate_rows(node_run(tmp_path), AggregateConfig(aggregations=AGGREGATIONS), [staged])
    assert whole.to_pylist() == [
        {name: 0 if name in ("orders", "priced", "regions") else None for name in AGGREGATIONS}
    ]
    grouped = AggregateConfig(group_by=["region"], aggregations=AGGREGATIONS)
    result = aggregate_rows(node_run(tmp_path), grouped, [staged])
    assert result.num_rows == 0
    assert result.schema.field("average").type == pa.float64()
    assert result.schema.field("last_region").type == pa.string()


def test_group_by_alone_lists_the_distinct_groups_in_order_of_appearance(tmp_path):
    table = pa.table({"k": ["b", None, "a", "b", None]})
    result = aggregate_rows(node_run(tmp_path), AggregateConfig(group_by=["k"]), [stage(tmp_path, table)])
    assert result.column("k").to_pylist() == ["b", None, "a"]


def test_an_aggregated_column_may_also_be_a_group_key(tmp_path):
    table = pa.table({"k": ["a", "a", None]})
    config = AggregateConfig(group_by=["k"], aggregations={"n": "count(k)", "d": "count_distinct(k)"})
    result = aggregate_rows(node_run(tmp_path), config, [stage(tmp_path, table)])
    assert result.to_pylist() == [{"k": "a", "n": 2, "d": 1}, {"k": None, "n": 0, "d": 0}]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"group_by": ["regoin"], "aggregations": {"n": "count(*)"}},
            "node 'totals', group_by[0]: unknown column 'regoin' (did you mean 'region'?)",
        ),
        (
            {"aggregations": {"revenue": "sum(amout)"}},
            "node 'totals', aggregations.revenue: unknown column 'amout' (did you mean 'amount'?)",
        ),
        (
            {"aggregations": {"revenue": "sum(region)"}},
            "node 'totals', aggregations.revenue: aggregate on a non-numeric column: sum(region) needs "
            "numbers, column 'region' is string",
        ),
        (
            {"group_by": ["customer"], "aggregations": {"average": "mean(region)"}},
            "node 'totals', aggregations.average: aggregate on a non-numeric column: mean(region) needs "
            "numbers, column 'region' is string",
        ),
    ],
)
def test_bad_columns_fail_before_any_row_is_read(tmp_path, monkeypatch, config, message):
    staged = stage(tmp_path, orders(20))
    counter = count_batches(monkeypatch)
    with pytest.raises(ColumnNodeError) as caught:
        aggregate_rows(node_run(tmp_path, "totals"), AggregateConfig.model_validate(config), [staged])
    assert str(caught.value) == message
    assert counter.batches == 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"aggregations": {"n": "sun(amount)"}}, "unknown function sun() (did you mean 'sum'?)"),
        ({"aggregations": {"n": "sum(*)"}}, "sum(*) is not defined; only count(*) counts rows"),
        ({"aggregations": {"n": "amount"}}, "expected function(column), like sum(amount) or count(*)"),
        ({"aggregations": {"n": "max()"}}, "max() needs a column"),
        ({}, "give group_by, aggregations or both"),
        (
            {"group_by": ["region"], "aggregations": {"region": "max(region)"}},
            "output column 'region' is also a group_by column",
        ),
    ],
)
def test_invalid_config_is_refused_when_the_spec_is_read(config, message):
    with pytest.raises(ValidationError) as caught:
        AggregateConfig.model_validate(config)
    assert message in str(caught.value)


def test_function_names_and_spaces_are_lenient():
    from providers.transforms.aggregate_functions import Aggregation, parse_aggregation

    assert parse_aggregation(" COUNT ( * ) ") == Aggregation("count", "*")
    assert parse_aggregation("count_distinct(order id)") == Aggregation("count_distinct", "order id")
