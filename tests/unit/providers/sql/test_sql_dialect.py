"""Quoting, Arrow ↔ PostgreSQL types and the schema checks of ``sink.sql`` (no database)."""

import pyarrow as pa
import pytest

from providers.sql.dialect import SqlConfigError, accepts, arrow_type_for, pg_type_for, qualified, quote_ident
from providers.sql.target_table import plan_table


def test_identifiers_are_always_quoted_with_inner_quotes_doubled():
    assert quote_ident('My "odd" Name') == '"My ""odd"" Name"'
    assert qualified("Sales Data", "Orders") == '"Sales Data"."Orders"'
    assert qualified(None, "x; DROP TABLE y") == '"x; DROP TABLE y"'


@pytest.mark.parametrize("name", ["", "a\x00b", "x" * 64])
def test_identifiers_postgres_would_alter_are_rejected(name):
    with pytest.raises(SqlConfigError):
        quote_ident(name)


@pytest.mark.parametrize(
    ("arrow_type", "pg_type"),
    [
        (pa.int64(), "bigint"),
        (pa.int32(), "integer"),
        (pa.uint64(), "numeric(20,0)"),
        (pa.float64(), "double precision"),
        (pa.decimal128(12, 3), "numeric(12,3)"),
        (pa.string(), "text"),
        (pa.large_string(), "text"),
        (pa.timestamp("ns", "Europe/Paris"), "timestamp with time zone"),
        (pa.timestamp("ms"), "timestamp without time zone"),
        (pa.date32(), "date"),
        (pa.list_(pa.int8()), "jsonb"),
        (pa.dictionary(pa.int32(), pa.string()), "text"),
    ],
)
def test_arrow_types_map_to_postgres_types_without_loss(arrow_type, pg_type):
    assert pg_type_for(arrow_type) == pg_type


def test_postgres_result_types_map_to_arrow():
    assert arrow_type_for(1700, 10, 2) == pa.decimal128(10, 2)
    assert arrow_type_for(1700, 0, 0) == pa.float64()  # unconstrained numeric
    assert arrow_type_for(1184) == pa.timestamp("us", tz="UTC")
    assert arrow_type_for(2950) == pa.string()  # uuid and other types read as text


def test_compatible_columns_accept_wider_or_equal_inputs_only():
    assert accepts("integer", pa.int64())
    assert accepts("numeric(10,2)", pa.float64())
    assert accepts("character varying(20)", pa.string())
    assert not accepts("integer", pa.string())
    assert not accepts("date", pa.timestamp("us"))
    assert not accepts("text", pa.int64())


def test_plan_creates_a_missing_table_unless_create_is_never():
    schema = pa.schema([("id", pa.int64())])
    assert plan_table(None, schema, name="t", create="if_missing", evolve="error").create
    with pytest.raises(SqlConfigError, match="table t does not exist and create is 'never'"):
        plan_table(None, schema, name="t", create="never", evolve="error")


def test_plan_uses_the_table_types_and_adds_new_columns_only_when_asked():
    schema = pa.schema([("id", pa.int64()), ("new", pa.string())])
    plan = plan_table({"id": "integer"}, schema, name="t", create="if_missing", evolve="add_columns")
    assert plan.column_types == {"id": "integer", "new": "text"} and plan.add_columns == ["new"]
    with pytest.raises(SqlConfigError, match="new column 'new' that table t lacks"):
        plan_table({"id": "integer"}, schema, name="t", create="if_missing", evolve="error")
