"""Quoting, Arrow ↔ database types and the schema checks of ``sink.sql`` (no database)."""

import pyarrow as pa
import pytest

from providers.sql.connection import dialect_for
from providers.sql.dialect import SqlConfigError
from providers.sql.mysql_dialect import MySqlDialect
from providers.sql.postgres_dialect import PostgresDialect, arrow_type_for
from providers.sql.sqlite_dialect import SqliteDialect
from providers.sql.target_table import plan_table

PG, MY, LITE = PostgresDialect(), MySqlDialect(), SqliteDialect()


def test_identifiers_are_always_quoted_with_inner_quotes_doubled():
    assert PG.quote_ident('My "odd" Name') == '"My ""odd"" Name"'
    assert PG.qualified("Sales Data", "Orders") == '"Sales Data"."Orders"'
    assert PG.qualified(None, "x; DROP TABLE y") == '"x; DROP TABLE y"'
    assert MY.quote_ident("a`b c") == "`a``b c`"
    assert MY.qualified("db", "t") == "`db`.`t`"
    assert LITE.quote_ident('x"y') == '"x""y"'


@pytest.mark.parametrize(("dialect", "name"), [(PG, ""), (PG, "a\x00b"), (PG, "x" * 64), (MY, "y" * 65)])
def test_identifiers_the_database_would_alter_are_rejected(dialect, name):
    with pytest.raises(SqlConfigError):
        dialect.quote_ident(name)


def test_placeholders_follow_the_driver():
    assert (PG.param, PG.named_param("b")) == ("%s", "%(b)s")
    assert (MY.param, MY.named_param("b")) == ("%s", "%(b)s")
    assert (LITE.param, LITE.named_param("b")) == ("?", ":b")


@pytest.mark.parametrize(
    ("arrow_type", "pg", "mysql", "sqlite"),
    [
        (pa.bool_(), "boolean", "tinyint(1)", "boolean"),
        (pa.int64(), "bigint", "bigint", "integer"),
        (pa.int32(), "integer", "int", "integer"),
        (pa.uint64(), "numeric(20,0)", "bigint unsigned", "integer"),
        (pa.float64(), "double precision", "double", "real"),
        (pa.decimal128(12, 3), "numeric(12,3)", "decimal(12,3)", "numeric(12,3)"),
        (pa.string(), "text", "longtext", "text"),
        (pa.large_string(), "text", "longtext", "text"),
        (pa.binary(), "bytea", "longblob", "blob"),
        (pa.timestamp("ns", "Europe/Paris"), "timestamp with time zone", "datetime(6)", "timestamptz"),
        (pa.timestamp("ms"), "timestamp without time zone", "datetime(6)", "timestamp"),
        (pa.date32(), "date", "date", "date"),
        (pa.duration("us"), "interval", "bigint", "integer"),
        (pa.list_(pa.int8()), "jsonb", "json", "json"),
        (pa.dictionary(pa.int32(), pa.string()), "text", "longtext", "text"),
    ],
)
def test_arrow_types_map_to_database_types_without_loss(arrow_type, pg, mysql, sqlite):
    assert (PG.sql_type_for(arrow_type), MY.sql_type_for(arrow_type), LITE.sql_type_for(arrow_type)) == (
        pg,
        mysql,
        sqlite,
    )


def test_mysql_key_columns_get_an_indexable_type():
    assert MY.sql_type_for(pa.string(), key=True) == "varchar(255)"
    assert MY.sql_type_for(pa.binary(), key=True) == "varbinary(255)"


def test_postgres_result_types_map_to_arrow():
    assert arrow_type_for(1700, 10, 2) == pa.decimal128(10, 2)
    assert arrow_type_for(1700, 0, 0) == pa.float64()  # unconstrained numeric
    assert arrow_type_for(1184) == pa.timestamp("us", tz="UTC")
    assert arrow_type_for(2950) == pa.string()  # uuid and other types read as text


@pytest.mark.parametrize(
    ("dialect", "column", "arrow_type", "ok"),
    [
        (PG, "integer", pa.int64(), True),
        (PG, "numeric(10,2)", pa.float64(), True),
        (PG, "character varying(20)", pa.string(), True),
        (PG, "integer", pa.string(), False),
        (PG, "date", pa.timestamp("us"), False),
        (PG, "text", pa.int64(), False),
        (MY, "int(11) unsigned", pa.int32(), True),
        (MY, "tinyint(1)", pa.bool_(), True),
        (MY, "varchar(20)", pa.string(), True),
        (MY, "datetime(6)", pa.timestamp("us", "UTC"), True),
        (MY, "int(11)", pa.string(), False),
        (MY, "longblob", pa.string(), False),
        (LITE, "integer", pa.int64(), True),
        (LITE, "text", pa.string(), True),
        (LITE, "integer", pa.string(), False),
        (LITE, "timestamp", pa.date32(), True),
    ],
)
def test_compatible_columns_accept_wider_or_equal_inputs_only(dialect, column, arrow_type, ok):
    assert dialect.accepts(column, arrow_type) is ok


def test_connection_types_choose_the_dialect_and_others_are_refused():
    assert isinstance(dialect_for("postgres"), PostgresDialect)
    assert isinstance(dialect_for("aggregator_mysql"), MySqlDialect)
    assert isinstance(dialect_for("mysql"), MySqlDialect)
    assert isinstance(dialect_for("sqlite"), SqliteDialect)
    with pytest.raises(SqlConfigError, match="connection type 'http' is not a SQL database"):
        dialect_for("http")


def test_plan_creates_a_missing_table_unless_create_is_never():
    schema = pa.schema([("id", pa.int64())])
    assert plan_table(PG, None, schema, name="t", create="if_missing", evolve="error").create
    with pytest.raises(SqlConfigError, match="table t does not exist and create is 'never'"):
        plan_table(PG, None, schema, name="t", create="never", evolve="error")


def test_plan_uses_the_table_types_and_adds_new_columns_only_when_asked():
    schema = pa.schema([("id", pa.int64()), ("new", pa.string())])
    plan = plan_table(PG, {"id": "integer"}, schema, name="t", create="if_missing", evolve="add_columns")
    assert plan.column_types == {"id": "integer", "new": "text"} and plan.add_columns == ["new"]
    with pytest.raises(SqlConfigError, match="new column 'new' that table t lacks"):
        plan_table(PG, {"id": "integer"}, schema, name="t", create="if_missing", evolve="error")


def test_plan_gives_mysql_string_keys_an_indexable_type():
    schema = pa.schema([("code", pa.string()), ("note", pa.string())])
    plan = plan_table(MY, None, schema, name="t", create="if_missing", evolve="error", keys=["code"])
    assert plan.column_types == {"code": "varchar(255)", "note": "longtext"}
