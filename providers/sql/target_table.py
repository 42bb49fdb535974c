"""The target table: check the input schema against it, plan its creation or evolution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from providers.sql.dialect import SqlConfigError, SqlDialect

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


def plan_table(
    dialect: SqlDialect,
    existing: dict[str, str] | None,
    schema: pa.Schema,
    *,
    name: str,
    create: str,
    evolve: str,
    keys: Sequence[str] = (),
) -> TablePlan:
    """Check the input schema against the table; raise a clear error on a change not allowed."""
    if len(set(schema.names)) != len(schema.names):
        raise SqlConfigError(f"the input has duplicate column names: {schema.names}")
    if existing is None:
        if create == "never":
            raise SqlConfigError(f"table {name} does not exist and create is 'never'")
        types = {f.name: dialect.sql_type_for(f.type, key=f.name in keys) for f in schema}
        return TablePlan(types, create=True, add_columns=[])
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
            if not dialect.accepts(existing[field.name], field.type):
                raise SqlConfigError(
                    f"column {field.name!r} of table {name} is {existing[field.name]} "
                    f"but the input has {field.type}; cast it in the pipeline or alter the table"
                )
            types[field.name] = existing[field.name]
        elif evolve == "add_columns":
            types[field.name] = dialect.sql_type_for(field.type)
            added.append(field.name)
        else:
            raise SqlConfigError(
                f"the input has new column {field.name!r} that table {name} lacks; "
                "set evolve: add_columns to add it"
            )
    return TablePlan(types, create=False, add_columns=added)


def prepare_target(
    dialect: SqlDialect, cursor: Any, table_sql: str, plan: TablePlan, keys: Sequence[str]
) -> None:
    """Create the table or add the new columns."""
    if plan.create:
        cursor.execute(dialect.create_table_sql(table_sql, plan.column_types, keys, staging=False))
    for column in plan.add_columns:
        cursor.execute(dialect.add_column_sql(table_sql, column, plan.column_types[column]))
