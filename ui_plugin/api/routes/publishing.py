"""Publishing to the DAG bundle, Airflow's parse status, triggering runs and their live status."""

from __future__ import annotations

from typing import Annotated

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, status

from ui_plugin.api.dag_access import require_dag_run_access
from ui_plugin.api.dag_runs_view import RunDetailOut, RunOut
from ui_plugin.api.error_responses import ApiError, spec_error_body
from ui_plugin.api.parse_status import ParseState, parse_status
from ui_plugin.api.permissions import Action, Resource, requires
from ui_plugin.api.pipeline_models import PageOut
from ui_plugin.api.publication_models import (
    PublicationEntry,
    PublicationOut,
    PublishIn,
    PublishOut,
    TriggerIn,
)
from ui_plugin.api.query_bounds import Offset
from ui_plugin.api.store_access import StoreDep
from ui_plugin.api.users import actor_name

router = APIRouter(tags=["publishing"])

Publisher = Annotated[BaseUser, Depends(requires(Resource.PUBLISH, Action.CREATE))]
PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]
PipelineEditor = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.EDIT))]

MAX_RUNS_PAGE = 100


@router.post("/pipelines/{pipeline_id}/publish")
def publish_pipeline(
    pipeline_id: str,
    user: Publisher,
    store: StoreDep,
    body: Annotated[PublishIn | None, Body()] = None,
) -> PublishOut:
    """Write a committed version into the DAG bundle, where Airflow's dag-processor picks it up."""
    from dag_factory.bundle.publish import publish_spec
    from dag_factory.spec.errors import SpecError
    from ui_plugin.api.bundle_target import publish_bundle, publish_folder
    from ui_plugin.api.spec_input import validated_spec

    request = body or PublishIn()
    pipeline = store.pipelines.get(pipeline_id)
    if request.version is None:
        version = store.versions.latest(pipeline_id)
        if version is None or version.content_hash != pipeline.draft_hash:
            raise ApiError(
                status.HTTP_409_CONFLICT,
                "draft_not_committed",
                "the draft differs from the latest version: commit (save a version of) the draft first, "
                "or name the version to publish",
                field="version",
            )
    else:
        version = store.versions.get(pipeline_id, request.version)
    try:
        spec = validated_spec(version.spec)
    except SpecError as error:
        detail = spec_error_body(error, "version")
        detail["message"] = (
            f"version {version.number} is not valid with today's node types: {detail['message']}"
        )
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=detail) from error
    bundle = publish_bundle()
    if not bundle.is_dir():
        raise ApiError(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "bundle_missing",
            f"the DAG bundle folder {bundle} does not exist; check [aggregator] publish_bundle_path",
            field="folder",
        )
    try:
        target = publish_spec(spec, bundle, publish_folder(request.folder))
    except ValueError as error:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_folder", str(error), field="folder"
        ) from error
    record = store.publications.record(pipeline_id, version.number, actor=actor_name(user))
    return PublishOut(
        pipeline_id=pipeline_id,
        version=record.version_number,
        content_hash=record.content_hash,
        dag_id=spec.id,
        path=target.relative_to(bundle).as_posix(),
        published_at=record.published_at,
    )


@router.get("/pipelines/{pipeline_id}/publication")
def get_publication(pipeline_id: str, user: PipelineReader, store: StoreDep) -> PublicationOut:
    """The published version, whether Airflow has parsed it, and the publishing history."""
    store.pipelines.get(pipeline_id)
    history = store.publications.history(pipeline_id)
    current = history[0] if history else None
    return PublicationOut(
        pipeline_id=pipeline_id,
        published=current is not None,
        version=current.version_number if current else None,
        content_hash=current.content_hash if current else None,
        published_by=current.published_by if current else None,
        published_at=current.published_at if current else None,
        dag_id=pipeline_id,
        parse=parse_status(pipeline_id, current),
        dag_url=f"/dags/{pipeline_id}",
        history=[PublicationEntry.of(item) for item in history],
    )


@router.post("/pipelines/{pipeline_id}/runs", status_code=status.HTTP_201_CREATED)
def trigger_pipeline_run(
    pipeline_id: str,
    user: PipelineEditor,
    store: StoreDep,
    request: Request,
    body: Annotated[TriggerIn | None, Body()] = None,
) -> RunOut:
    """Queue a manual run of the published version, as Airflow's "Trigger" does."""
    from airflow.utils.session import create_session

    from ui_plugin.api.dag_runs_view import describe_run
    from ui_plugin.api.run_trigger import trigger_run
    from ui_plugin.api.run_versions import RunVersions

    run_request = body or TriggerIn()
    store.pipelines.get(pipeline_id)
    require_dag_run_access(user, pipeline_id, "POST")
    parse = parse_status(pipeline_id, store.publications.current(pipeline_id))
    if parse.state is not ParseState.PARSED:
        raise ApiError(
            status.HTTP_409_CONFLICT,
            "not_runnable",
            _NOT_PARSED[parse.state],
            field="pipeline_id",
            parse_state=parse.state.value,
        )
    versions = RunVersions(store, pipeline_id)
    with create_session() as session:
        run = trigger_run(
            session,
            pipeline_id,
            user,
            conf=run_request.conf,
            logical_date=run_request.logical_date,
            note=run_request.note,
            from_ui=bool(request.headers.get("referer")),
        )
        return describe_run(session, run, versions.version_of)


@router.get("/pipelines/{pipeline_id}/runs")
def list_pipeline_runs(
    pipeline_id: str,
    user: PipelineReader,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=MAX_RUNS_PAGE)] = 25,
    offset: Offset = 0,
) -> PageOut[RunOut]:
    """Recent runs of the pipeline's DAG, newest first, each with the pipeline version it ran."""
    from airflow.utils.session import create_session

    from ui_plugin.api.dag_runs_view import count_runs, recent_runs
    from ui_plugin.api.run_versions import RunVersions

    store.pipelines.get(pipeline_id)
    require_dag_run_access(user, pipeline_id, "GET")
    versions = RunVersions(store, pipeline_id)
    with create_session() as session:
        items = recent_runs(session, pipeline_id, versions.version_of, limit=limit, offset=offset)
        total = count_runs(session, pipeline_id)
    return PageOut[RunOut](items=items, total=total, limit=limit, offset=offset)


@router.get("/pipelines/{pipeline_id}/runs/{run_id}")
def get_pipeline_run(pipeline_id: str, run_id: str, user: PipelineReader, store: StoreDep) -> RunDetailOut:
    """One run with its task instances and the pipeline nodes each task runs."""
    from airflow.utils.session import create_session

    from ui_plugin.api.dag_runs_view import find_run, run_detail
    from ui_plugin.api.run_versions import RunVersions

    store.pipelines.get(pipeline_id)
    require_dag_run_access(user, pipeline_id, "GET")
    versions = RunVersions(store, pipeline_id)
    with create_session() as session:
        run = find_run(session, pipeline_id, run_id)
        if run is None:
            raise ApiError(
                status.HTTP_404_NOT_FOUND,
                "not_found",
                f"pipeline {pipeline_id!r} has no run {run_id!r}",
                field="run_id",
            )
        return run_detail(session, run, versions.version_of, versions.nodes_of)


_NOT_PARSED: dict[ParseState, str] = {
    ParseState.NOT_PUBLISHED: "the pipeline is not published; publish a version first",
    ParseState.PENDING: "Airflow has not parsed the published version yet; try again once it has",
    ParseState.ERROR: "Airflow reports the published spec as broken; see GET .../publication",
    ParseState.STALE: "Airflow does not run the published version; see GET .../publication",
}
