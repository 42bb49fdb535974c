"""Test an Airflow connection the way Airflow's own REST API does, behind ``[core] test_connection``."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import status

from ui_plugin.api.error_responses import ApiError

if TYPE_CHECKING:
    from airflow.models.connection import Connection

SETTING = "[core] test_connection"


@dataclass(frozen=True)
class ConnectionTestResult:
    """Whether the connection works, and the hook's message (secrets masked)."""

    status: bool
    message: str


def stored_connection(conn_id: str) -> Connection:
    """The connection Airflow resolves for ``conn_id`` (environment, backends, database), or 404."""
    from airflow.exceptions import AirflowNotFoundException
    from airflow.models.connection import Connection

    # No id holds NUL, and PostgreSQL cannot even compare text holding it.
    if "\x00" not in conn_id:
        try:
            return Connection.get_connection_from_secrets(conn_id)
        except AirflowNotFoundException:
            pass
    raise ApiError(
        status.HTTP_404_NOT_FOUND, "not_found", f"connection {conn_id!r} does not exist", "conn_id"
    )


def ensure_testing_enabled() -> None:
    """403 naming the setting unless ``[core] test_connection`` is ``Enabled``."""
    from airflow.configuration import conf

    if conf.get("core", "test_connection", fallback="Disabled").strip().lower() != "enabled":
        raise ApiError(
            status.HTTP_403_FORBIDDEN,
            "test_connection_disabled",
            f"testing connections is disabled by Airflow's {SETTING} setting; "
            "an Airflow admin can set it to Enabled",
            None,
            setting=SETTING,
        )


def run_connection_test(connection: Connection) -> ConnectionTestResult:
    """Run the hook's ``test_connection`` on a copy under a throw-away id.

    As in Airflow's REST API, the copy is exported as an ``AIRFLOW_CONN_*`` variable for the
    duration of the test: some hooks look their connection up by id when created.
    """
    from airflow.secrets.environment_variables import CONN_ENV_PREFIX

    probe_id = f"aggregator_test_{uuid.uuid4().hex}"
    variable = f"{CONN_ENV_PREFIX}{probe_id.upper()}"
    copy = _copy(connection, probe_id)
    try:
        os.environ[variable] = copy.get_uri()
        ok, message = copy.test_connection()
    finally:
        os.environ.pop(variable, None)
    return ConnectionTestResult(bool(ok), _safe_message(str(message or ""), connection))


def _copy(connection: Connection, conn_id: str) -> Connection:
    from airflow.models.connection import Connection

    return Connection(
        conn_id=conn_id,
        conn_type=connection.conn_type,
        description=connection.description,
        host=connection.host,
        login=connection.login,
        password=connection.password,
        schema=connection.schema,
        port=connection.port,
        extra=connection.extra,
    )


def _safe_message(message: str, connection: Connection) -> str:
    from ui_plugin.api.redaction import connection_secrets, safe_message

    return safe_message(message, connection_secrets(connection))
