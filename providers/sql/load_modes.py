"""Apply a staged load to the target: ``append``, ``replace``, ``merge``, ``delete_insert``."""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from providers.sql.dialect import SqlConfigError, quote_ident

MODES = ("append", "replace", "merge", "delete_insert")


def _insert(cursor: Any, target: str, staging: str, columns: Sequence[str]) -> int:
    names = ", ".join(quote_ident(c) for c in columns)
    cursor.execute(f"INSERT INTO {target} ({names}) SELECT {names} FROM {staging}")
    return cursor.rowcount


def _merge(cursor: Any, target: str, staging: str, columns: Sequence[str], keys: Sequence[str]) -> int:
    """Update rows whose keys match, insert the others (no unique index needed)."""
    key_list = ", ".join(quote_ident(k) for k in keys)
    cursor.execute(f"SELECT {key_list} FROM {staging} GROUP BY {key_list} HAVING count(*) > 1 LIMIT 1")
    duplicate = cursor.fetchone()
    if duplicate is not None:
        raise SqlConfigError(f"merge keys {list(keys)} repeat in the input, e.g. {list(duplicate)}")
    match = " AND ".join(f"t.{quote_ident(k)} IS NOT DISTINCT FROM s.{quote_ident(k)}" for k in keys)
    others = [c for c in columns if c not in keys]
    updated = 0
    if others:
        assignments = ", ".join(f"{quote_ident(c)} = s.{quote_ident(c)}" for c in others)
        cursor.execute(f"UPDATE {target} AS t SET {assignments} FROM {staging} AS s WHERE {match}")
        updated = cursor.rowcount
    names = ", ".join(quote_ident(c) for c in columns)
    selected = ", ".join(f"s.{quote_ident(c)}" for c in columns)
    cursor.execute(
        f"INSERT INTO {target} ({names}) SELECT {selected} FROM {staging} AS s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {target} AS t WHERE {match})"
    )
    return updated + cursor.rowcount


def apply_mode(
    cursor: Any,
    mode: str,
    *,
    target: str,
    staging: str,
    columns: Sequence[str],
    keys: Sequence[str] = (),
    partition: tuple[str, Any, Any] | None = None,
) -> dict[str, int]:
    """Apply ``mode``; ``target`` and ``staging`` are quoted names. Returns row counts."""
    if mode == "append":
        return {"rows_inserted": _insert(cursor, target, staging, columns)}
    if mode == "replace":
        cursor.execute(f"DELETE FROM {target}")
        deleted = cursor.rowcount
        return {"rows_deleted": deleted, "rows_inserted": _insert(cursor, target, staging, columns)}
    if mode == "merge":
        if not keys:
            raise SqlConfigError("mode 'merge' needs keys")
        return {"rows_merged": _merge(cursor, target, staging, columns, keys)}
    if mode == "delete_insert":
        if partition is None:
            raise SqlConfigError("mode 'delete_insert' needs a partition")
        column, start, end = partition
        quoted = quote_ident(column)
        cursor.execute(
            f"SELECT count(*) FROM {staging} "
            f"WHERE NOT ({quoted} >= %s AND {quoted} < %s) OR {quoted} IS NULL",
            [start, end],
        )
        (outside,) = cursor.fetchone()
        if outside:
            raise SqlConfigError(
                f"{outside} input row(s) have {column!r} outside the partition [{start}, {end})"
            )
        cursor.execute(f"DELETE FROM {target} WHERE {quoted} >= %s AND {quoted} < %s", [start, end])
        deleted = cursor.rowcount
        return {"rows_deleted": deleted, "rows_inserted": _insert(cursor, target, staging, columns)}
    raise SqlConfigError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
