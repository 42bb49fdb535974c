"""A pipeline's DAG runs and their task instances, read from Airflow's database.

Each run is traced to the pipeline version it ran: the run records the DAG version it was
created with, and that DAG's ``doc_md`` carries the spec's content hash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from ui_plugin.api.parse_status import serialized_content_hash

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

VersionOfHash = Callable[[str | None], int | None]
"""``content hash -> pipeline version number`` (None when unknown)."""


class RunOut(BaseModel):
    """One DAG run of a pipeline."""

    dag_id: str
    run_id: str
    state: str | None
    run_type: str
    logical_date: datetime | None
    run_after: datetime | None
    queued_at: datetime | None
    start_date: datetime | None
    end_date: datetime | None
    triggered_by: str | None = Field(description="The user who triggered it, for manual runs.")
    note: str | None
    content_hash: str | None = Field(
        description="Spec content hash of the DAG version the run was created with."
    )
    version: int | None = Field(description="The pipeline version the run used; null when unknown.")


class TaskOut(BaseModel):
    """One task instance of a run, with the pipeline nodes its task runs."""

    task_id: str
    map_index: int
    state: str | None
    try_number: int
    start_date: datetime | None
    end_date: datetime | None
    duration: float | None = Field(description="Seconds.")
    nodes: list[str] = Field(description="Pipeline node ids this task runs, upstream first.")


class RunDetailOut(RunOut):
    """A DAG run with its task instances."""

    tasks: list[TaskOut]


def count_runs(session: Session, dag_id: str) -> int:
    """How many runs ``dag_id`` has."""
    from airflow.models.dagrun import DagRun
    from sqlalchemy import func, select

    return session.scalar(select(func.count()).select_from(DagRun).where(DagRun.dag_id == dag_id)) or 0


def recent_runs(
    session: Session, dag_id: str, version_of: VersionOfHash, *, limit: int, offset: int
) -> list[RunOut]:
    """Runs of ``dag_id``, newest first."""
    from airflow.models.dagrun import DagRun
    from sqlalchemy import select

    runs = session.scalars(
        select(DagRun)
        .where(DagRun.dag_id == dag_id)
        .order_by(DagRun.run_after.desc(), DagRun.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    hashes = _content_hashes(session, {run.created_dag_version_id for run in runs})
    return [run_out(run, hashes, version_of) for run in runs]


def find_run(session: Session, dag_id: str, run_id: str) -> Any | None:
    """The DagRun ``run_id`` of ``dag_id``, or None."""
    from airflow.models.dagrun import DagRun
    from sqlalchemy import select

    return session.scalar(select(DagRun).where(DagRun.dag_id == dag_id, DagRun.run_id == run_id))


def describe_run(session: Session, run: Any, version_of: VersionOfHash) -> RunOut:
    """One DagRun as the API returns it."""
    return run_out(run, _content_hashes(session, {run.created_dag_version_id}), version_of)


def run_out(run: Any, hashes: Mapping[Any, str | None], version_of: VersionOfHash) -> RunOut:
    """A DagRun as the API returns it, given the content hash of each DAG version."""
    content_hash = hashes.get(run.created_dag_version_id)
    return RunOut(
        dag_id=run.dag_id,
        run_id=run.run_id,
        state=str(run.state) if run.state is not None else None,
        run_type=str(run.run_type),
        logical_date=run.logical_date,
        run_after=run.run_after,
        queued_at=run.queued_at,
        start_date=run.start_date,
        end_date=run.end_date,
        triggered_by=run.triggering_user_name,
        note=run.note,
        content_hash=content_hash,
        version=version_of(content_hash),
    )


def run_detail(
    session: Session,
    run: Any,
    version_of: VersionOfHash,
    nodes_of_version: Callable[[int | None], Mapping[str, list[str]]],
) -> RunDetailOut:
    """``run`` with its task instances; ``nodes_of_version`` maps a version to its tasks' nodes."""
    from airflow.models.taskinstance import TaskInstance
    from sqlalchemy import select

    summary = describe_run(session, run, version_of)
    nodes = nodes_of_version(summary.version)
    instances = session.scalars(
        select(TaskInstance)
        .where(TaskInstance.dag_id == run.dag_id, TaskInstance.run_id == run.run_id)
        .order_by(TaskInstance.task_id, TaskInstance.map_index)
    ).all()
    tasks = [
        TaskOut(
            task_id=ti.task_id,
            map_index=ti.map_index,
            state=str(ti.state) if ti.state is not None else None,
            try_number=ti.try_number or 0,
            start_date=ti.start_date,
            end_date=ti.end_date,
            duration=ti.duration,
            nodes=list(nodes.get(ti.task_id, [ti.task_id])),
        )
        for ti in instances
    ]
    return RunDetailOut(**summary.model_dump(), tasks=tasks)


def _content_hashes(session: Session, dag_version_ids: set[Any]) -> dict[Any, str | None]:
    """Spec content hash per DAG version id, from the serialized DAGs."""
    from airflow.models.serialized_dag import SerializedDagModel
    from sqlalchemy import select

    wanted = {version_id for version_id in dag_version_ids if version_id is not None}
    if not wanted:
        return {}
    rows = session.scalars(select(SerializedDagModel).where(SerializedDagModel.dag_version_id.in_(wanted)))
    return {row.dag_version_id: serialized_content_hash(row.data) for row in rows}
