"""The target table: read its columns, create it from an Arrow schema, check and evolve it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from providers.sql.dialect import SqlConfigError, accepts, pg_type_for, qualified, quote_ident

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class TablePlan:
    """What a load does to the target before applying its mode.

    :param column_types: Target type of every input column, in input order.
    :param create: Whether the table is created.
    :param add_columns: Input columns added to an existing table.
    """

    column_types: dict[str, str]
    create: bool
    add_columns: list[str]


def table_columns(cursor: Any, schema: str | None, table: str) -> dict[str, str] | None:
    """Column name → ``format_type`` of an existing table, or ``None`` if it does not exist."""
    cursor.execute("SELECT to_regclass(%s)::oid", [qualified(schema, table)])
    (oid,) = cursor.fetchone()
    if oid is None:
        return None
    cursor.execute(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = %s AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        [oid],
    )
    return dict(cursor.fetchall())


def plan_table(
    existing: dict[str, str] | None,
    schema: pa.Schema,
    *,
    name: str,
    create: str,
    evolve: str,
) -> TablePlan:
    """Check the input schema against the table; raise a clear error on a change not allowed."""
    if len(set(schema.names)) != len(schema.names):
        raise SqlConfigError(f"the input has duplicate column names: {schema.names}")
    if existing is None:
        if create == "never":
            raise SqlConfigError(f"table {name} does not exist and create is 'never'")
        return TablePlan({f.name: pg_type_for(f.type) for f in schema}, create=True, add_columns=[])
    missing = [column for column in existing if column not in schema.names]
    if missing:
        raise SqlConfigError(
            f"table {name} has column(s) {', '.join(map(repr, missing))} that the input lacks "
            "(removed or renamed upstream?); select them in the pipeline or alter the table"
        )
    types: dict[str, str] = {}
    added: list[str] = []
    for field in schema:
        if field.name in existing:
            if not accepts(existing[field.name], field.type):
                raise SqlConfigError(
                    f"column {field.name!r} of table {name} is {existing[field.name]} "
                    f"but the input has {field.type}; cast it in the pipeline or alter the table"
                )
            types[field.name] = existing[field.name]
        elif evolve == "add_columns":
            types[field.name] = pg_type_for(field.type)
            added.append(field.name)
        else:
            raise SqlConfigError(
                f"the input has new column {field.name!r} that table {name} lacks; "
                "set evolve: add_columns to add it"
            )
    return TablePlan(types, create=False, add_columns=added)


def create_table_sql(table_sql: str, column_types: dict[str, str], keys: list[str], *, unlogged: bool) -> str:
    """``CREATE TABLE`` for the planned columns (primary key on ``keys`` if given)."""
    parts = [f"{quote_ident(name)} {kind}" for name, kind in column_types.items()]
    if keys:
        parts.append(f"PRIMARY KEY ({', '.join(quote_ident(key) for key in keys)})")
    kind = "UNLOGGED TABLE" if unlogged else "TABLE"
    return f"CREATE {kind} {table_sql} ({', '.join(parts)})"


def prepare_target(cursor: Any, table_sql: str, plan: TablePlan, keys: list[str]) -> None:
    """Create the table or add the new columns (inside the load's transaction)."""
    if plan.create:
        cursor.execute(create_table_sql(table_sql, plan.column_types, keys, unlogged=False))
    for column in plan.add_columns:
        cursor.execute(
            f"ALTER TABLE {table_sql} ADD COLUMN {quote_ident(column)} {plan.column_types[column]}"
        )
