"""Airflow connections a node type can use (never secrets), and testing one."""

from __future__ import annotations

from typing import Annotated

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ui_plugin.api.permissions import Action, Resource, requires
from ui_plugin.api.query_bounds import Offset

router = APIRouter(tags=["connections"])

PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]
PipelineEditor = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.EDIT))]

MAX_LIMIT = 500


class ConnectionOut(BaseModel):
    """A connection's public fields; its login, password and extra are never returned."""

    conn_id: str
    conn_type: str
    host: str | None
    port: int | None
    schema_: str | None = Field(alias="schema", serialization_alias="schema")
    description: str | None
    source: str = Field(description="metadata_db, or environment for AIRFLOW_CONN_* variables")


class ConnectionPageOut(BaseModel):
    """One page of connections; ``conn_types`` are those the node type accepts (null: any)."""

    items: list[ConnectionOut]
    total: int
    limit: int
    offset: int
    node_type: str | None
    conn_types: list[str] | None


class ConnectionTestOut(BaseModel):
    """The outcome of testing a connection, as Airflow's own connection test reports it."""

    status: bool
    message: str


@router.get("/connections", response_model=ConnectionPageOut, response_model_by_alias=True)
def list_connections(
    user: PipelineReader,
    node_type: Annotated[str | None, Query(description="Only connections this node type can use.")] = None,
    search: Annotated[str | None, Query(description="A part of the connection id.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Offset = 0,
) -> ConnectionPageOut:
    """Airflow connections, by id, usable by ``node_type`` when given."""
    from ui_plugin.api import airflow_connections
    from ui_plugin.api.global_search import query_text
    from ui_plugin.api.node_type_lookup import accepted_connection_types, node_type_named

    conn_types = accepted_connection_types(node_type_named(node_type)) if node_type else None
    part = query_text(search, "search") if search and search.strip() else None
    if conn_types is not None and not conn_types:
        items: list[ConnectionOut] = []
        total = 0
    else:
        page = airflow_connections.list_connections(conn_types, part, limit, offset)
        items = [
            ConnectionOut(
                conn_id=info.conn_id,
                conn_type=info.conn_type,
                host=info.host,
                port=info.port,
                schema=info.schema,
                description=info.description,
                source=info.source.value,
            )
            for info in page.items
        ]
        total = page.total
    return ConnectionPageOut(
        items=items,
        total=total,
        limit=limit,
        offset=offset,
        node_type=node_type,
        conn_types=sorted(conn_types) if conn_types is not None else None,
    )


@router.post("/connections/{conn_id}/test", response_model=ConnectionTestOut)
def test_connection(conn_id: str, user: PipelineEditor) -> ConnectionTestOut:
    """Test a stored connection with its hook; needs Airflow's ``[core] test_connection = Enabled``."""
    from ui_plugin.api.connection_check import ensure_testing_enabled, run_connection_test, stored_connection

    connection = stored_connection(conn_id)
    ensure_testing_enabled()
    result = run_connection_test(connection)
    return ConnectionTestOut(status=result.status, message=result.message)
