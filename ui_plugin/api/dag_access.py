"""Airflow's own per-DAG check, on top of the aggregator permission a route declares."""

from __future__ import annotations

from typing import Literal

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import status

from ui_plugin.api.error_responses import ApiError

RunMethod = Literal["GET", "POST"]
_ACTION = {"GET": "read", "POST": "create"}


def require_dag_run_access(user: BaseUser, dag_id: str, method: RunMethod) -> None:
    """Raise 403 unless Airflow's auth manager lets ``user`` read (GET) or create (POST) its runs."""
    from airflow.api_fastapi.app import get_auth_manager
    from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity, DagDetails

    allowed = get_auth_manager().is_authorized_dag(
        method=method, access_entity=DagAccessEntity.RUN, details=DagDetails(id=dag_id), user=user
    )
    if not allowed:
        action = _ACTION[method]
        raise ApiError(
            status.HTTP_403_FORBIDDEN,
            "permission_denied",
            f"Airflow does not let you {action} runs of the DAG {dag_id!r}; ask an Airflow admin "
            f"for can_{action} on DAG Runs (and access to that DAG).",
            field="dag_id",
            missing_permission={"access_entity": "DAG Runs", "method": method, "dag_id": dag_id},
        )
