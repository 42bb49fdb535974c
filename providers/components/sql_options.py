"""Config shared by the SQL node types: the connection and the schema of the table."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from dag_factory.registry.config_fields import ComponentConfig, ConnectionId


class SqlDatabaseConfig(ComponentConfig):
    """Where a SQL node connects: an Airflow connection and the schema of its table."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    conn_id: ConnectionId("postgres")  # type: ignore[valid-type]
    db_schema: str | None = Field(default=None, alias="schema", description="Schema of the table.")
