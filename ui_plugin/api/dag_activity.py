"""What Airflow knows of the DAGs of a page of pipelines: paused, last run, next run.

Read from Airflow's database in two queries for the whole page, and only for the DAGs the
user may read in Airflow (its per-DAG permissions): others read as unknown.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from airflow.api_fastapi.auth.managers.models.base_user import BaseUser


class DagActivity(BaseModel):
    """A pipeline's DAG as Airflow's DAG list shows it; all null while Airflow has no such DAG."""

    is_paused: bool | None = Field(default=None, description="Whether the DAG is paused in Airflow.")
    last_run_state: str | None = Field(default=None, description="State of the newest run.")
    last_run_at: datetime | None = Field(
        default=None, description="When the newest run was due (its run_after)."
    )
    next_run_at: datetime | None = Field(
        default=None,
        description="When the scheduler creates the next run; null without a schedule or while paused.",
    )


UNKNOWN = DagActivity()


def dag_activity(dag_ids: Collection[str], user: BaseUser) -> Mapping[str, DagActivity]:
    """Activity per DAG id among ``dag_ids`` that Airflow has and ``user`` may read."""
    from airflow.api_fastapi.app import get_auth_manager
    from airflow.models.dag import DagModel
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session
    from sqlalchemy import and_, func, select

    readable = get_auth_manager().filter_authorized_dag_ids(dag_ids=set(dag_ids), user=user, method="GET")
    if not readable:
        return {}
    newest = (
        select(DagRun.dag_id, func.max(DagRun.run_after).label("run_after"))
        .where(DagRun.dag_id.in_(readable))
        .group_by(DagRun.dag_id)
        .subquery()
    )
    with create_session() as session:
        dags = session.execute(
            select(DagModel.dag_id, DagModel.is_paused, DagModel.next_dagrun_create_after).where(
                DagModel.dag_id.in_(readable)
            )
        ).all()
        runs = session.execute(
            select(DagRun.dag_id, DagRun.state, DagRun.run_after)
            .join(newest, and_(DagRun.dag_id == newest.c.dag_id, DagRun.run_after == newest.c.run_after))
            .order_by(DagRun.id)
        ).all()
    last_runs = {run.dag_id: run for run in runs}  # of runs due at the same moment, the last created
    activity = {}
    for dag in dags:
        run = last_runs.get(dag.dag_id)
        activity[dag.dag_id] = DagActivity(
            is_paused=bool(dag.is_paused),
            last_run_state=_state_text(run.state) if run is not None else None,
            last_run_at=run.run_after if run is not None else None,
            next_run_at=dag.next_dagrun_create_after if not dag.is_paused else None,
        )
    return activity


def _state_text(state: object) -> str | None:
    """A run state as Airflow's API writes it (``success``), whether stored as text or enum."""
    if state is None:
        return None
    return str(getattr(state, "value", state))
