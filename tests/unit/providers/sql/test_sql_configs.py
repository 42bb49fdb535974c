"""Config validation of ``sink.sql`` / ``source.sql``, watermark values and extract SQL."""

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from providers.components.sql_query_source import SqlQuerySourceConfig
from providers.components.sql_sink import SqlSinkConfig
from providers.components.sql_source import SqlSourceConfig
from providers.sql.dialect import SqlConfigError
from providers.sql.extract import ExtractQuery, RowRange
from providers.sql.partitioned_read import split_ranges
from providers.sql.postgres_dialect import PostgresDialect
from providers.sql.sqlite_dialect import SqliteDialect
from providers.sql.watermark import decode_value, encode_value, lower_bound


def test_sink_modes_require_their_options():
    with pytest.raises(ValidationError, match="mode 'merge' needs keys"):
        SqlSinkConfig.model_validate({"conn_id": "pg", "table": "t", "mode": "merge"})
    with pytest.raises(ValidationError, match="mode 'delete_insert' needs partition"):
        SqlSinkConfig.model_validate({"conn_id": "pg", "table": "t", "mode": "delete_insert"})
    config = SqlSinkConfig.model_validate({"conn_id": "pg", "schema": "s", "table": "t"})
    assert config.db_schema == "s" and config.mode == "append" and config.create == "if_missing"


def test_sink_schema_shows_the_postgres_connection_field():
    from providers.components.sql_sink import COMPONENT

    assert COMPONENT.connection_fields() == ["conn_id"]
    assert "schema" in COMPONENT.config_schema["properties"]


def test_table_source_needs_a_table_and_its_options_must_name_selected_columns():
    with pytest.raises(ValidationError, match="table"):
        SqlSourceConfig.model_validate({"conn_id": "pg"})
    with pytest.raises(ValidationError, match="query"):
        SqlSourceConfig.model_validate({"conn_id": "pg", "table": "t", "query": "SELECT 1"})
    with pytest.raises(ValidationError, match="cursor_column must be one of columns"):
        SqlSourceConfig.model_validate(
            {"conn_id": "pg", "table": "t", "columns": ["a"], "incremental": {"cursor_column": "b"}}
        )
    with pytest.raises(ValidationError, match=r"partitions\.column must be one of columns"):
        SqlSourceConfig.model_validate(
            {"conn_id": "pg", "table": "t", "columns": ["a"], "partitions": {"column": "b", "count": 4}}
        )


def test_raw_sql_lives_only_in_the_code_bearing_query_source():
    from providers.components.sql_query_source import COMPONENT as QUERY
    from providers.components.sql_source import COMPONENT as TABLE

    assert QUERY.code_bearing and not TABLE.code_bearing
    assert "query" in QUERY.config_schema["properties"]
    assert "query" not in TABLE.config_schema["properties"]
    with pytest.raises(ValidationError, match="schema"):
        SqlQuerySourceConfig.model_validate({"conn_id": "pg", "query": "SELECT 1", "schema": "s"})


def test_sql_node_types_accept_every_supported_database_connection_type():
    from providers.components.sql_sink import COMPONENT

    field = COMPONENT.config_schema["properties"]["conn_id"]
    assert field["x-connection-type"] == "postgres"
    assert set(field["x-connection-types"]) >= {"postgres", "aggregator_mysql", "mysql", "sqlite"}


def test_extract_sql_quotes_names_and_passes_the_bound_as_a_parameter():
    query = ExtractQuery(schema="S", table="My T", columns=["a b", "C"], cursor_column="C")
    sql, params = query.statement(PostgresDialect(), 5)
    assert sql == 'SELECT "a b", "C" FROM "S"."My T" WHERE "C" > %(aggregator_lower_bound)s'
    assert params == {"aggregator_lower_bound": 5}
    wrapped, _ = ExtractQuery(query="SELECT * FROM x;").statement(PostgresDialect())
    assert wrapped == "SELECT * FROM (SELECT * FROM x) AS aggregator_query"
    lite, _ = query.statement(SqliteDialect(), 5, RowRange("C", 1, 9, include_null=True))
    assert lite == (
        'SELECT "a b", "C" FROM "S"."My T" WHERE "C" > :aggregator_lower_bound '
        'AND ("C" >= :aggregator_range_start AND "C" < :aggregator_range_end OR "C" IS NULL)'
    )


@pytest.mark.parametrize(
    ("low", "high", "count", "edges"),
    [
        (1, 100, 4, [25 + 1, 50 + 1, 75 + 1]),
        (1, 3, 10, [2, 3]),
        (dt.date(2024, 1, 1), dt.date(2024, 1, 31), 3, [dt.date(2024, 1, 11), dt.date(2024, 1, 21)]),
        (0.0, 1.0, 2, [0.5]),
    ],
)
def test_ranges_cover_everything_between_open_outer_edges(low, high, count, edges):
    ranges = split_ranges(low, high, "c", count)
    assert [r.end for r in ranges[:-1]] == edges
    assert ranges[0].start is None and ranges[-1].end is None and ranges[-1].include_null
    assert [r.start for r in ranges[1:]] == edges


def test_ranges_refuse_a_text_column_and_an_empty_table_is_one_range():
    with pytest.raises(SqlConfigError, match="use a number, date or timestamp column"):
        split_ranges("a", "z", "c", 4)
    assert split_ranges(None, None, "c", 4) == [RowRange("c", include_null=True)]


@pytest.mark.parametrize(
    "value", [42, Decimal("1.50"), dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, 3, tzinfo=dt.UTC), "k-9"]
)
def test_watermark_values_round_trip_with_their_type(value):
    assert decode_value(encode_value(value)) == value


def test_lookback_moves_the_lower_bound_back():
    assert lower_bound(dt.datetime(2024, 1, 2, tzinfo=dt.UTC), 3600) == dt.datetime(
        2024, 1, 1, 23, tzinfo=dt.UTC
    )
    assert lower_bound(100, 10) == 90
    assert lower_bound("k", 0) == "k"
