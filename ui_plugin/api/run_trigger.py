"""Trigger a manual run of a pipeline's DAG the way Airflow's REST API does."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import status

from ui_plugin.api.error_responses import ApiError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def trigger_run(
    session: Session,
    dag_id: str,
    user: BaseUser,
    *,
    conf: dict[str, Any] | None,
    logical_date: datetime | None,
    note: str | None,
    from_ui: bool,
) -> Any:
    """Create a queued manual run of the latest parsed version of ``dag_id``; the new DagRun.

    Mirrors ``trigger_dag_run`` of Airflow's public API: the DAG must be active, free of
    import errors and allow manual runs; the run id, data interval and params come from the
    DAG's timetable and params.
    """
    from airflow.api_fastapi.core_api.datamodels.dag_run import TriggerDAGRunPostBody
    from airflow.exceptions import ParamValidationError
    from airflow.models.dag import DagModel
    from airflow.models.dagbag import DBDagBag
    from airflow.utils.state import DagRunState
    from airflow.utils.types import DagRunTriggeredByType, DagRunType
    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    model = session.scalar(select(DagModel).where(~DagModel.is_stale, DagModel.dag_id == dag_id).limit(1))
    dag = DBDagBag().get_latest_version_of_dag(dag_id, session=session) if model is not None else None
    if model is None or dag is None:
        raise _not_runnable(
            f"Airflow has no active DAG {dag_id!r}; publish the pipeline and let Airflow parse it"
        )
    if model.has_import_errors:
        raise _not_runnable(f"the DAG {dag_id!r} has import errors in Airflow; fix them before triggering it")
    if model.allowed_run_types is not None and DagRunType.MANUAL not in model.allowed_run_types:
        raise _not_runnable(f"the DAG {dag_id!r} does not allow manual runs")
    body = TriggerDAGRunPostBody(logical_date=logical_date, conf=conf or {}, note=note)
    try:
        params = body.validate_context(dag)
        run = dag.create_dagrun(
            run_id=params["run_id"],
            logical_date=params["logical_date"],
            data_interval=params["data_interval"],
            run_after=params["run_after"],
            conf=params["conf"],
            run_type=DagRunType.MANUAL,
            triggered_by=DagRunTriggeredByType.UI if from_ui else DagRunTriggeredByType.REST_API,
            triggering_user_name=user.get_name(),
            state=DagRunState.QUEUED,
            partition_key=params["partition_key"],
            partition_date=params["partition_date"],
            session=session,
        )
        session.flush()
    except ParamValidationError as error:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_conf", str(error), field="conf"
        ) from error
    except IntegrityError as error:
        raise ApiError(
            status.HTTP_409_CONFLICT,
            "run_exists",
            f"the DAG {dag_id!r} already has a run for this logical date; pick another one",
            field="logical_date",
        ) from error
    except ValueError as error:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_run", str(error), field="logical_date"
        ) from error
    if note:
        run.note = (note, user.get_id())
    return run


def _not_runnable(message: str) -> ApiError:
    return ApiError(status.HTTP_409_CONFLICT, "not_runnable", message, field="pipeline_id")
