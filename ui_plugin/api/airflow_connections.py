"""Airflow connections as the API shows them: id, type and endpoint, never login, password or extra.

Connections come from Airflow's metadata database and from ``AIRFLOW_CONN_*`` environment
variables of the API server. An environment variable wins over a database row of the same
id, as it does when Airflow resolves a connection. Other secrets backends (Vault, AWS
Secrets Manager, ...) offer no way to list their connections, so they are not listed.
"""

from __future__ import annotations

import enum
import logging
import os
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select

from ui_plugin.store.search import MatchRank, contains_text, match_rank, starts_with, total_matches

log = logging.getLogger(__name__)


class ConnectionSource(enum.StrEnum):
    """Where a listed connection is defined."""

    METADATA_DB = "metadata_db"
    ENVIRONMENT = "environment"


@dataclass(frozen=True)
class ConnectionInfo:
    """The public fields of one connection."""

    conn_id: str
    conn_type: str
    host: str | None
    port: int | None
    schema: str | None
    description: str | None
    source: ConnectionSource


@dataclass(frozen=True)
class ConnectionPage:
    """One page of connections and how many match in all."""

    items: list[ConnectionInfo]
    total: int


def list_connections(
    conn_types: Collection[str] | None, search: str | None, limit: int, offset: int
) -> ConnectionPage:
    """Connections of ``conn_types`` (None: any type) whose id contains ``search``, by id."""
    from airflow.models.connection import Connection
    from airflow.utils.session import create_session

    environment = environment_connections()
    wanted = [info for info in environment if _wanted(info, conn_types, search)]
    conditions = _database_conditions(environment, conn_types)
    if search:
        conditions.append(contains_text(Connection.conn_id, search))
    with create_session() as session:
        total = session.scalar(select(func.count(Connection.id)).where(*conditions)) or 0
        rows = session.execute(
            select(*_public_columns()).where(*conditions).order_by(Connection.conn_id).limit(offset + limit)
        ).all()
    merged = sorted([*wanted, *(_info(row, ConnectionSource.METADATA_DB) for row in rows)], key=_by_id)
    return ConnectionPage(merged[offset : offset + limit], total + len(wanted))


def search_connection_ids(text: str, limit: int) -> tuple[list[tuple[ConnectionInfo, MatchRank]], int]:
    """The connections whose id contains ``text``, best matches first, and how many match."""
    from airflow.models.connection import Connection
    from airflow.utils.session import create_session

    from ui_plugin.api.search_matching import rank

    environment = environment_connections()
    ranked = [(info, found) for info in environment if (found := rank(text, (info.conn_id,))) is not None]
    from_environment = len(ranked)
    score = match_rank(Connection.conn_id, text)
    statement = (
        select(*_public_columns(), score.label("score"), total_matches())
        .where(*_database_conditions(environment, None), contains_text(Connection.conn_id, text))
        .order_by(score.desc(), Connection.conn_id)
        .limit(limit)
    )
    with create_session() as session:
        rows = session.execute(statement).all()
    ranked += [(_info(row, ConnectionSource.METADATA_DB), MatchRank(row.score)) for row in rows]
    ranked.sort(key=lambda pair: (-pair[1], pair[0].conn_id))
    return ranked[:limit], (rows[0].total if rows else 0) + from_environment


def connection_ids_starting_with(prefix: str, limit: int) -> list[str]:
    """Ids of connections starting with ``prefix`` (ignoring case), sorted."""
    from airflow.models.connection import Connection
    from airflow.utils.session import create_session

    environment = environment_connections()
    statement = (
        select(Connection.conn_id)
        .where(*_database_conditions(environment, None), starts_with(Connection.conn_id, prefix))
        .order_by(Connection.conn_id)
        .limit(limit)
    )
    with create_session() as session:
        ids = list(session.scalars(statement))
    ids += [info.conn_id for info in environment if info.conn_id.startswith(prefix.lower())]
    return sorted(ids)[:limit]


def environment_connections() -> list[ConnectionInfo]:
    """Connections defined by ``AIRFLOW_CONN_<ID>`` variables of this process, by id."""
    from airflow.secrets.environment_variables import CONN_ENV_PREFIX, EnvironmentVariablesBackend

    backend = EnvironmentVariablesBackend()
    found = []
    for name in sorted(os.environ):
        conn_id = name[len(CONN_ENV_PREFIX) :].lower()
        # A leading "_" marks a team's connection (AIRFLOW_CONN__<TEAM>___<ID>).
        if not name.startswith(CONN_ENV_PREFIX) or not conn_id or conn_id.startswith("_"):
            continue
        try:
            connection = backend.get_connection(conn_id)
        except Exception:
            # The message could quote the variable's value, password included.
            log.warning("Connection %s from the environment cannot be read; it is not listed", conn_id)
            continue
        if connection is not None:
            found.append(_info(connection, ConnectionSource.ENVIRONMENT, conn_id))
    return found


def _public_columns() -> tuple[Any, ...]:
    from airflow.models.connection import Connection

    # Only these columns are read: login, password and extra never leave the database.
    return (
        Connection.conn_id,
        Connection.conn_type,
        Connection.host,
        Connection.port,
        Connection.schema,
        Connection.description,
    )


def _database_conditions(
    environment: list[ConnectionInfo], conn_types: Collection[str] | None
) -> list[ColumnElement[bool]]:
    from airflow.models.connection import Connection

    conditions: list[ColumnElement[bool]] = []
    if environment:
        conditions.append(func.lower(Connection.conn_id).not_in([info.conn_id for info in environment]))
    if conn_types is not None:
        conditions.append(Connection.conn_type.in_(sorted(conn_types)))
    return conditions


def _wanted(info: ConnectionInfo, conn_types: Collection[str] | None, search: str | None) -> bool:
    of_type = conn_types is None or info.conn_type in conn_types
    return of_type and (not search or search.lower() in info.conn_id.lower())


def _info(row: Any, source: ConnectionSource, conn_id: str | None = None) -> ConnectionInfo:
    return ConnectionInfo(
        conn_id=conn_id or row.conn_id,
        conn_type=row.conn_type or "",
        host=row.host or None,
        port=row.port,
        schema=row.schema or None,
        description=row.description or None,
        source=source,
    )


def _by_id(info: ConnectionInfo) -> str:
    return info.conn_id
