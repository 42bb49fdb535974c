"""Config shared by the SQL node types: the connection and the schema of the table."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from dag_factory.registry.config_fields import ComponentConfig, ConnectionId
from providers.sql.connection import SQL_CONN_TYPES

SqlConnectionId = ConnectionId(*SQL_CONN_TYPES)
"""A PostgreSQL, MySQL/MariaDB or SQLite connection id."""

TableSchema = Annotated[
    str | None,
    Field(
        default=None,
        alias="schema",
        description="Schema of the table (MySQL: the database; SQLite: an attached database).",
    ),
]
"""The ``schema`` option: where the node's table lives."""


class SqlConnectionConfig(ComponentConfig):
    """Where a SQL node connects: an Airflow connection."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    conn_id: SqlConnectionId  # type: ignore[valid-type]
