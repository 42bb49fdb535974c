"""Config validation of ``sink.sql`` / ``source.sql``, watermark values and extract SQL."""

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from providers.components.sql_sink import SqlSinkConfig
from providers.components.sql_source import SqlSourceConfig
from providers.sql.extract import ExtractQuery
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


def test_source_takes_exactly_one_of_table_and_query():
    with pytest.raises(ValidationError, match="exactly one of table and query"):
        SqlSourceConfig.model_validate({"conn_id": "pg"})
    with pytest.raises(ValidationError, match="exactly one of table and query"):
        SqlSourceConfig.model_validate({"conn_id": "pg", "table": "t", "query": "SELECT 1"})
    with pytest.raises(ValidationError, match="cursor_column must be one of columns"):
        SqlSourceConfig.model_validate(
            {"conn_id": "pg", "table": "t", "columns": ["a"], "incremental": {"cursor_column": "b"}}
        )


def test_extract_sql_quotes_names_and_passes_the_bound_as_a_parameter():
    query = ExtractQuery(schema="S", table="My T", columns=["a b", "C"], cursor_column="C")
    sql, params = query.statement(5)
    assert sql == 'SELECT "a b", "C" FROM "S"."My T" WHERE "C" > %(aggregator_lower_bound)s'
    assert params == {"aggregator_lower_bound": 5}
    wrapped, _ = ExtractQuery(query="SELECT * FROM x;").statement()
    assert wrapped == "SELECT * FROM (SELECT * FROM x) AS aggregator_query"


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
