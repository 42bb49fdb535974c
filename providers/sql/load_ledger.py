"""The load ledger: one row per applied load, keyed by pipeline run and node.

The row is inserted in the same transaction that applies the load, so it exists if and
only if the load's rows are in the target; a retry that finds it skips the load.
"""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

from typing import Any

from providers.sql.dialect import SqlDialect

LEDGER_TABLE = "aggregator_load_ledger"
_COLUMNS = ("dag_id", "run_id", "node_id", "target", "mode", "rows_loaded")


def ledger_sql(dialect: SqlDialect, state_schema: str | None) -> str:
    """The quoted ledger table name."""
    return dialect.qualified(state_schema, LEDGER_TABLE)


def ensure_ledger(dialect: SqlDialect, cursor: Any, state_schema: str | None) -> None:
    """Create the ledger table if missing."""
    key = dialect.state_key_type
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {ledger_sql(dialect, state_schema)} ("
        f"dag_id {key} NOT NULL, run_id {key} NOT NULL, node_id {key} NOT NULL, "
        f"target {dialect.state_text_type} NOT NULL, mode {key} NOT NULL, rows_loaded bigint NOT NULL, "
        f"applied_at {dialect.state_time_type} NOT NULL DEFAULT {dialect.now}, "
        "PRIMARY KEY (dag_id, run_id, node_id))"
    )


def applied_load(
    dialect: SqlDialect, cursor: Any, state_schema: str | None, key: tuple[str, str, str]
) -> int | None:
    """Rows of the load already applied for ``(dag_id, run_id, node_id)``, or ``None``."""
    p = dialect.param
    cursor.execute(
        f"SELECT rows_loaded FROM {ledger_sql(dialect, state_schema)} "
        f"WHERE dag_id = {p} AND run_id = {p} AND node_id = {p}",
        list(key),
    )
    row = cursor.fetchone()
    return None if row is None else row[0]


def claim_load(
    dialect: SqlDialect,
    cursor: Any,
    state_schema: str | None,
    key: tuple[str, str, str],
    *,
    target: str,
    mode: str,
) -> bool:
    """Record the load (rows filled in by :func:`record_rows`); ``False`` if another attempt has.

    A concurrent attempt waits on the primary key until the first one commits or aborts.
    """
    cursor.execute(
        dialect.insert_ignore_sql(ledger_sql(dialect, state_schema), _COLUMNS), [*key, target, mode, 0]
    )
    return cursor.rowcount == 1


def record_rows(
    dialect: SqlDialect, cursor: Any, state_schema: str | None, key: tuple[str, str, str], rows: int
) -> None:
    """Set the claimed load's row count (in the same transaction)."""
    p = dialect.param
    cursor.execute(
        f"UPDATE {ledger_sql(dialect, state_schema)} SET rows_loaded = {p} "
        f"WHERE dag_id = {p} AND run_id = {p} AND node_id = {p}",
        [rows, *key],
    )
