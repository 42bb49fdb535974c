"""The load ledger: one row per applied load, keyed by pipeline run and node.

The row is inserted in the same transaction that applies the load, so it exists if and
only if the load's rows are in the target; a retry that finds it skips the load.
"""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

from typing import Any

from providers.sql.dialect import qualified

LEDGER_TABLE = "aggregator_load_ledger"


def ledger_sql(state_schema: str | None) -> str:
    """The quoted ledger table name."""
    return qualified(state_schema, LEDGER_TABLE)


def ensure_ledger(cursor: Any, state_schema: str | None) -> None:
    """Create the ledger table if missing."""
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {ledger_sql(state_schema)} ("
        "dag_id text NOT NULL, run_id text NOT NULL, node_id text NOT NULL, "
        "target text NOT NULL, mode text NOT NULL, rows bigint NOT NULL, "
        "applied_at timestamptz NOT NULL DEFAULT now(), "
        "PRIMARY KEY (dag_id, run_id, node_id))"
    )


def applied_load(cursor: Any, state_schema: str | None, key: tuple[str, str, str]) -> int | None:
    """Rows of the load already applied for ``(dag_id, run_id, node_id)``, or ``None``."""
    cursor.execute(
        f"SELECT rows FROM {ledger_sql(state_schema)} WHERE dag_id = %s AND run_id = %s AND node_id = %s",
        list(key),
    )
    row = cursor.fetchone()
    return None if row is None else row[0]


def claim_load(
    cursor: Any, state_schema: str | None, key: tuple[str, str, str], *, target: str, mode: str, rows: int
) -> bool:
    """Record the load; ``False`` if another attempt recorded it first (then roll back).

    A concurrent attempt waits on the primary key until the first one commits or aborts.
    """
    cursor.execute(
        f"INSERT INTO {ledger_sql(state_schema)} (dag_id, run_id, node_id, target, mode, rows) "
        "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1",
        [*key, target, mode, rows],
    )
    return cursor.fetchone() is not None
