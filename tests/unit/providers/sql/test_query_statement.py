"""Only SQL that returns rows is run, and only the params it uses are bound."""

import pytest

from providers.sql.dialect import SqlConfigError
from providers.sql.postgres_dialect import PostgresDialect
from providers.sql.query_statement import query_statement, referenced_params
from providers.sql.sqlite_dialect import SqliteDialect


@pytest.mark.parametrize(
    ("sql", "statement"),
    [
        ("SELECT 1", "SELECT 1"),
        ("  select a from t ;\n", "select a from t"),
        (
            "-- totals\nWITH x AS (SELECT 1) SELECT * FROM x;;",
            "-- totals\nWITH x AS (SELECT 1) SELECT * FROM x",
        ),
        (
            "/* header\n comment */ (SELECT 1) UNION (SELECT 2)",
            "/* header\n comment */ (SELECT 1) UNION (SELECT 2)",
        ),
        ("VALUES (1), (2)", "VALUES (1), (2)"),
        ("TABLE orders", "TABLE orders"),
    ],
)
def test_queries_are_kept_without_their_trailing_semicolons(sql, statement):
    assert query_statement(sql) == statement


@pytest.mark.parametrize(
    ("sql", "found"),
    [
        ("DELETE FROM t", "'DELETE'"),
        ("-- select\nupdate t set a = 1", "'UPDATE'"),
        ("/* SELECT */ CREATE TABLE t (a int)", "'CREATE'"),
        ("selected", "'SELECTED'"),
        ("  ;  ", "no statement"),
        ("-- only a comment", "no statement"),
    ],
)
def test_statements_that_return_no_rows_are_refused_naming_their_first_word(sql, found):
    with pytest.raises(SqlConfigError) as caught:
        query_statement(sql)
    assert str(caught.value).startswith(
        f"sql: must be a query that returns rows (SELECT, WITH, VALUES or TABLE), found {found};"
    )


@pytest.mark.parametrize(
    ("dialect", "statement", "bound"),
    [
        (PostgresDialect(), "SELECT %(low)s, %(high)s", {"low": 1, "high": 2}),
        (PostgresDialect(), "SELECT :low", {}),
        (SqliteDialect(), "SELECT :low", {"low": 1}),
        (SqliteDialect(), "SELECT 1", {}),
    ],
)
def test_only_the_params_the_statement_uses_are_bound(dialect, statement, bound):
    params = {"low": 1, "high": 2, "nested": {"a": [1]}}
    assert referenced_params(dialect, statement, params) == bound


def test_an_input_listed_twice_is_refused_with_the_node_and_input_named():
    from pathlib import Path

    from providers.components.sql_query_transform import input_tables
    from providers.execution.node_run import NodeRun
    run = NodeRun(node_id="q", dag_id="p", run_id="r", spec_folder=Path("."))
    run.input_nodes = ["orders", "orders"]
    with pytest.raises(SqlConfigError, match=r"node 'q' \(sql.query\), inputs: 'orders' is listed twice"):
        input_tables(run, 2)
    run.input_nodes = ["orders", "customers"]
    assert input_tables(run, 2) == ["orders", "customers"]
