"""Apply a staged load to the target: ``append``, ``replace``, ``merge``, ``delete_insert``."""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from providers.sql.dialect import SqlConfigError, SqlDialect

MODES = ("append", "replace", "merge", "delete_insert")
#: Modes that write the input straight into the target inside the apply transaction.
DIRECT_MODES = ("append", "replace")


def _insert(dialect: SqlDialect, cursor: Any, target: str, staging: str, columns: Sequence[str]) -> int:
    names = dialect.column_list(columns)
    cursor.execute(f"INSERT INTO {target} ({names}) SELECT {names} FROM {staging}")
    return cursor.rowcount


def _merge(
    dialect: SqlDialect, cursor: Any, target: str, staging: str, columns: Sequence[str], keys: Sequence[str]
) -> int:
    """Update rows whose keys match, insert the others (no unique index needed)."""
    key_list = dialect.column_list(keys)
    cursor.execute(f"SELECT {key_list} FROM {staging} GROUP BY {key_list} HAVING count(*) > 1 LIMIT 1")
    duplicate = cursor.fetchone()
    if duplicate is not None:
        raise SqlConfigError(f"merge keys {list(keys)} repeat in the input, e.g. {list(duplicate)}")
    match = " AND ".join(
        dialect.null_safe_equal(f"t.{dialect.quote_ident(k)}", f"s.{dialect.quote_ident(k)}") for k in keys
    )
    others = [c for c in columns if c not in keys]
    updated = 0
    if others:
        cursor.execute(dialect.update_from_sql(target, staging, others, match))
        updated = cursor.rowcount
    cursor.execute(
        f"INSERT INTO {target} ({dialect.column_list(columns)}) "
        f"SELECT {dialect.column_list(columns, 's.')} FROM {staging} AS s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {target} AS t WHERE {match})"
    )
    return updated + cursor.rowcount


def clear_target(dialect: SqlDialect, cursor: Any, mode: str, target: str) -> dict[str, int]:
    """What a direct mode removes before its rows go in: everything for ``replace``."""
    if mode != "replace":
        return {}
    cursor.execute(f"DELETE FROM {target}")
    return {"rows_deleted": cursor.rowcount}


def apply_mode(
    dialect: SqlDialect,
    cursor: Any,
    mode: str,
    *,
    target: str,
    staging: str,
    column_types: dict[str, str],
    keys: Sequence[str] = (),
    partition: tuple[str, Any, Any] | None = None,
) -> dict[str, int]:
    """Apply a staged mode (``merge`` or ``delete_insert``); names are quoted. Returns row counts."""
    columns = list(column_types)
    if mode == "merge":
        if not keys:
            raise SqlConfigError("mode 'merge' needs keys")
        return {"rows_merged": _merge(dialect, cursor, target, staging, columns, keys)}
    if mode == "delete_insert":
        if partition is None:
            raise SqlConfigError("mode 'delete_insert' needs a partition")
        column, start, end = partition
        start, end = (dialect.bound_value(v, column_types[column]) for v in (start, end))
        quoted, p = dialect.quote_ident(column), dialect.param
        cursor.execute(
            f"SELECT count(*) FROM {staging} "
            f"WHERE NOT ({quoted} >= {p} AND {quoted} < {p}) OR {quoted} IS NULL",
            [start, end],
        )
        (outside,) = cursor.fetchone()
        if outside:
            raise SqlConfigError(
                f"{outside} input row(s) have {column!r} outside the partition [{start}, {end})"
            )
        cursor.execute(f"DELETE FROM {target} WHERE {quoted} >= {p} AND {quoted} < {p}", [start, end])
        deleted = cursor.rowcount
        return {"rows_deleted": deleted, "rows_inserted": _insert(dialect, cursor, target, staging, columns)}
    if mode in DIRECT_MODES:
        raise SqlConfigError(f"mode {mode!r} writes directly, not from a staging table")
    raise SqlConfigError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
