"""``sql.query`` on PostgreSQL, MariaDB and SQLite: inputs queried in the database, checked against pandas."""

import json
import textwrap
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from sql_helpers import CONN_ID, REPO, node_run

pytest_plugins = ["sql_fixtures"]

ORDERS = REPO / "dags/data/orders.csv"
CUSTOMERS = REPO / "dags/data/customers.csv"


def orders_frame() -> pd.DataFrame:
    return pd.read_csv(ORDERS, parse_dates=["ordered_at"])


def customers_frame() -> pd.DataFrame:
    return pd.read_csv(CUSTOMERS)


def run_query(inputs: dict, sql: str, *, params: dict | None = None, node_id: str = "q", **config):
    """The node's reader; ``inputs`` maps each input node id to its staged data."""
    from providers.components.sql_query_transform import SqlQueryConfig, query_in_database

    settings = SqlQueryConfig.model_validate({"conn_id": CONN_ID, "sql": sql, **config})
    run = node_run(node_id, params=params or {})
    run.input_nodes = list(inputs)
    return query_in_database(run, settings, list(inputs.values()))


def placeholder(db, name: str) -> str:
    return f":{name}" if db.kind == "sqlite" else f"%({name})s"


def revenue_by_region(orders: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    paid = orders[orders.status == "paid"].merge(customers, on="customer_id")
    grouped = paid.groupby("region").agg(orders=("order_id", "count"), revenue=("amount", "sum"))
    return grouped.reset_index()


def big_orders_of_west(orders: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    joined = orders.merge(customers, on="customer_id")
    chosen = joined[(joined.region == "west") & (joined.amount > 350)]
    return chosen[["order_id", "name", "amount"]]


JOINS = [
    pytest.param(
        "SELECT c.region, count(*) AS orders, sum(o.amount) AS revenue "
        "FROM orders o JOIN customers c ON c.customer_id = o.customer_id "
        "WHERE o.status = 'paid' GROUP BY c.region",
        revenue_by_region,
        id="aggregate",
    ),
    pytest.param(
        "WITH west AS (SELECT customer_id, name FROM customers WHERE region = 'west') "
        "SELECT o.order_id, w.name, o.amount FROM orders o JOIN west w ON w.customer_id = o.customer_id "
        "WHERE o.amount > 350",
        big_orders_of_west,
        id="cte",
    ),
]


@pytest.mark.parametrize(("sql", "reference"), JOINS)
def test_a_join_of_two_staged_inputs_matches_pandas(db, stage, sql, reference):
    orders, customers = orders_frame(), customers_frame()
    inputs = {
        "orders": stage(pa.Table.from_pandas(orders, preserve_index=False), batch_rows=128),
        "customers": stage(pa.Table.from_pandas(customers, preserve_index=False)),
    }
    reader = run_query(inputs, sql, batch_rows=50)
    batches = list(reader)
    assert all(batch.num_rows <= 50 for batch in batches)
    result = pa.Table.from_batches(batches, reader.schema).to_pandas()
    expected = reference(orders, customers)
    assert len(expected) > 0
    key = list(expected.columns[:1])
    pd.testing.assert_frame_equal(
        result.sort_values(key).reset_index(drop=True).astype(expected.dtypes.to_dict()),
        expected.sort_values(key).reset_index(drop=True),
        check_exact=False,
    )


def test_without_inputs_it_queries_the_database_tables(db):
    table = f"{db.quote(db.schema)}.{db.quote('Stock')}" if db.schema else db.quote("Stock")
    db.execute(f"CREATE TABLE {table} (sku varchar(10), quantity int)")
    db.execute(f"INSERT INTO {table} VALUES ('a', 3), ('b', 0), ('c', 12)")
    result = run_query({}, f"SELECT sku, quantity * 2 AS doubled FROM {table} WHERE quantity > 0;").read_all()
    assert sorted(zip(*result.to_pydict().values(), strict=True)) == [("a", 6), ("c", 24)]


def test_the_runs_params_are_bound_by_name(db, stage):
    orders = orders_frame()
    percent = "%" if db.kind == "sqlite" else "%%"
    sql = (
        f"SELECT order_id FROM orders WHERE amount > {placeholder(db, 'min_amount')} "
        f"AND status LIKE {placeholder(db, 'status')} AND status LIKE 'p{percent}'"
    )
    params = {"min_amount": 300, "status": "paid", "unused": {"a dict": "the query does not use"}}
    result = run_query({"orders": stage(pa.Table.from_pandas(orders))}, sql, params=params).read_all()
    expected = orders[(orders.amount > 300) & (orders.status == "paid")].order_id
    assert sorted(result.column("order_id").to_pylist()) == sorted(expected) and len(expected) > 0


def kept_open(monkeypatch) -> list:
    """Databases the node opens, left open after it ends so the test can look into the session."""
    import providers.sql.connection as connection

    opened = []
    real_open = connection.open_database

    def open_and_keep(conn_id, **options):
        db = real_open(conn_id, **options)
        monkeypatch.setattr(db, "close", lambda: None)
        opened.append(db)
        return db

    monkeypatch.setattr(connection, "open_database", open_and_keep)
    return opened


def session_has_table(db, name: str) -> bool:
    """Whether ``name`` can be read on the session of ``db``."""
    from providers.sql.temporary_tables import TemporaryTables

    cursor = db.connection.cursor()
    try:
        cursor.execute(f"SELECT count(*) FROM {TemporaryTables(db).table_sql(name)}")
        cursor.fetchall()
        return True
    except Exception:
        db.connection.rollback()
        return False
    finally:
        cursor.close()


def read_in_full(reader) -> None:
    reader.read_all()


def read_one_batch(reader) -> None:
    """Read a batch and leave the rest: the reader is dropped when this returns."""
    reader.read_next_batch()


@pytest.mark.parametrize(
    ("sql", "consume"),
    [
        pytest.param("SELECT x FROM staged_input", read_in_full, id="read"),
        pytest.param("SELECT missing_column FROM staged_input", read_in_full, id="failed"),
        pytest.param("SELECT x FROM staged_input", read_one_batch, id="abandoned"),
    ],
)
def test_temporary_tables_are_dropped_when_the_result_is_read_fails_or_is_abandoned(
    db, stage, monkeypatch, sql, consume
):
    opened = kept_open(monkeypatch)
    inputs = {"staged_input": stage(pa.table({"x": [1, 2, 3]}))}
    try:
        consume(run_query(inputs, sql, batch_rows=1))
    except Exception:
        assert "missing_column" in sql
    [session] = opened
    try:
        assert not session_has_table(session, "staged_input")
    finally:
        session.connection.close()


def test_two_runs_at_once_each_read_their_own_input_table(db, stage):
    first = run_query({"items": stage(pa.table({"x": [1, 2]}))}, "SELECT x FROM items", batch_rows=1)
    second = run_query({"items": stage(pa.table({"x": [10, 20, 30]}))}, "SELECT x FROM items", batch_rows=1)
    assert first.read_next_batch().num_rows == 1
    assert sorted(second.read_all().column("x").to_pylist()) == [10, 20, 30]
    assert first.read_all().num_rows == 1


DATABASE_MESSAGES = {
    "postgres": 'column "amont" does not exist',
    "mariadb": "Unknown column 'amont'",
    "sqlite": "no such column: amont",
}


def test_bad_sql_names_the_node_and_shows_the_databases_message(db, stage):
    from providers.sql.connection import SqlNodeError

    inputs = {"orders": stage(pa.table({"amount": [1.5]}))}
    with pytest.raises(SqlNodeError) as caught:
        run_query(inputs, "SELECT amont FROM orders", node_id="totals").read_all()
    message = str(caught.value)
    assert message.startswith("node 'totals' (sql.query), sql: ")
    assert DATABASE_MESSAGES[db.kind] in message
    assert "(the inputs are the temporary tables orders)" in message


@pytest.mark.parametrize(
    ("sql", "found"),
    [
        ("DELETE FROM orders", "'DELETE'"),
        ("  -- tidy up\n  drop table orders;", "'DROP'"),
        ("INSERT INTO orders VALUES (1)", "'INSERT'"),
        (";", "no statement"),
    ],
)
def test_a_statement_that_returns_no_rows_is_refused_before_it_runs(db, stage, sql, found):
    from providers.sql.connection import SqlNodeError

    with pytest.raises(SqlNodeError) as caught:
        run_query({"orders": stage(pa.table({"amount": [1.5]}))}, sql)
    assert str(caught.value) == (
        "node 'q' (sql.query), sql: must be a query that returns rows (SELECT, WITH, VALUES or TABLE), "
        f"found {found}; this node reads a result, it does not change the database"
    )


def test_a_data_changing_statement_disguised_as_a_query_changes_nothing(db):
    from providers.sql.connection import SqlNodeError

    table = f"{db.quote(db.schema)}.keep" if db.schema else "keep"
    db.execute(f"CREATE TABLE {table} (x int)")
    db.execute(f"INSERT INTO {table} VALUES (1), (2)")
    with pytest.raises(SqlNodeError) as caught:
        run_query({}, f"WITH gone AS (SELECT 1 AS x) DELETE FROM {table}").read_all()
    assert str(caught.value).startswith("node 'q' (sql.query), sql: ")
    if db.kind == "sqlite":  # the only one of the three that runs a DELETE after WITH
        assert "the statement returned no result set (rolled back)" in str(caught.value)
    assert db.table("keep") == [(1,), (2,)]


def test_a_lone_percent_sign_gets_a_hint_where_placeholders_use_it(db, stage):
    from providers.sql.connection import SqlNodeError

    sql = "SELECT status FROM orders WHERE status LIKE 'p%'"
    inputs = {"orders": stage(pa.table({"status": ["paid", "open"]}))}
    if db.kind == "sqlite":
        assert run_query(inputs, sql).read_all().to_pylist() == [{"status": "paid"}]
        return
    with pytest.raises(SqlNodeError, match=r"\(with %\(name\)s placeholders a literal % is written %%\)"):
        run_query(inputs, sql).read_all()


def test_an_input_column_the_database_cannot_name_is_reported_before_any_row_moves(db, stage):
    from providers.sql.connection import SqlNodeError

    long_name = "c" * 1100  # longer than any of the databases allows
    with pytest.raises(SqlNodeError) as caught:
        run_query({"wide": stage(pa.table({"ok": [1], long_name: [2]}))}, "SELECT * FROM wide")
    assert str(caught.value).startswith(
        f"node 'q' (sql.query), input 'wide', column '{long_name}': identifier"
    )


def test_schema_places_the_temporary_tables_on_mysql_only(db, stage):
    from providers.sql.connection import SqlNodeError

    inputs = {"items": stage(pa.table({"x": [1, 2]}))}
    if db.kind == "mariadb":
        sql = f"SELECT sum(x) AS total FROM {db.quote(db.schema)}.items"
        assert run_query(inputs, sql, schema=db.schema).read_all().to_pylist() == [{"total": 3}]
        return
    with pytest.raises(SqlNodeError, match=r"schema: .* keeps temporary tables in the session's own schema"):
        run_query(inputs, "SELECT x FROM items", schema="elsewhere")


# -- through Airflow ---------------------------------------------------------------------------


def run_dag(bundle: Path, dag_id: str):
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(bundle))
    assert dag_id in bag.dags, bag.import_errors
    return bag.dags[dag_id].test()


def write_spec(folder: Path, dag_id: str, nodes: str, params: str = "{}") -> None:
    spec = f"apiVersion: aggregator/v1\nid: {dag_id}\nparams: {params}\nnodes:\n" + textwrap.indent(
        textwrap.dedent(nodes), "  "
    )
    (folder / f"{dag_id}.yaml").write_text(spec)


@pytest.mark.usefixtures("airflow_db")
def test_file_sources_joined_by_sql_query_on_sqlite_reach_the_file_sink(
    spec_folder, bundle, monkeypatch, tmp_path
):
    connection = {"conn_type": "sqlite", "host": str(tmp_path / "elt.db")}
    monkeypatch.setenv("AIRFLOW_CONN_ELT_SQLITE", json.dumps(connection))
    out = spec_folder / "revenue.parquet"
    write_spec(spec_folder, "sql_query_elt", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: customers, type: source.file, config: {{path: "{CUSTOMERS}"}}}}
        - id: revenue
          type: sql.query
          inputs: [orders, customers]
          config:
            conn_id: elt_sqlite
            sql: >-
              SELECT c.region, count(*) AS orders, sum(o.amount) AS revenue
              FROM orders o JOIN customers c ON c.customer_id = o.customer_id
              WHERE o.status = '{{{{ params.status }}}}' AND o.amount > :min_amount
              GROUP BY c.region ORDER BY c.region
        - {{id: save, type: sink.file, inputs: [revenue], config: {{path: "{out}"}}}}
        """, params="{status: paid, min_amount: 100}")  # fmt: skip
    assert run_dag(bundle, "sql_query_elt").state == "success"
    orders = orders_frame()
    expected = revenue_by_region(orders[orders.amount > 100], customers_frame())
    result = pd.read_parquet(out)
    pd.testing.assert_frame_equal(result, expected.astype(result.dtypes.to_dict()), check_exact=False)
