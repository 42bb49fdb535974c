"""Pipelines: list, read, create, edit drafts, delete and restore, validate, compile and preview."""

from __future__ import annotations

from typing import Annotated

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, Field

from providers.execution.pipeline_sample import PipelineSample
from ui_plugin.api.code_gate import require_code_permission
from ui_plugin.api.compile_preview import CompiledDag
from ui_plugin.api.dag_activity import dag_activity
from ui_plugin.api.error_responses import ApiError
from ui_plugin.api.permissions import Action, Resource, requires
from ui_plugin.api.pipeline_details import PipelineDetail
from ui_plugin.api.pipeline_models import PageOut, PipelineListItem
from ui_plugin.api.pipeline_preview import PreviewRequest
from ui_plugin.api.query_bounds import Limit, Offset
from ui_plugin.api.spec_input import SpecInput
from ui_plugin.api.store_access import StoreDep
from ui_plugin.api.users import actor_name
from ui_plugin.store.listing import PipelineSort
from ui_plugin.store.models import PipelineStatus

router = APIRouter(tags=["pipelines"])

PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]
PipelineCreator = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.CREATE))]
PipelineEditor = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.EDIT))]
PipelineDeleter = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.DELETE))]


class PipelineCreate(SpecInput):
    """A new pipeline: its spec, and the message of its first version."""

    message: str = Field(default="Created", max_length=1000, description="Message of version 1.")


class PipelineSave(SpecInput):
    """A new draft for a pipeline, at the row version the editor read."""

    row_version: int = Field(description="The pipeline's row_version as last read; a stale one gets 409.")
    message: str = Field(
        default="Saved", max_length=1000, description="Message of the version this save commits."
    )


class SpecProblem(BaseModel):
    """One problem of a spec, where it is and, for text, its line and column."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None


class ValidationResult(BaseModel):
    """Whether a spec is valid, with every problem found."""

    valid: bool
    errors: list[SpecProblem]


@router.get("/pipelines")
def list_pipelines(
    user: PipelineReader,
    store: StoreDep,
    search: Annotated[str | None, Query(description="Part of the id, name or description.")] = None,
    tag: str | None = None,
    owner: str | None = None,
    pipeline_status: Annotated[PipelineStatus | None, Query(alias="status")] = None,
    include_deleted: bool = False,
    sort: PipelineSort = PipelineSort.ID,
    descending: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PageOut[PipelineListItem]:
    """A page of pipelines, filtered, searched and sorted; deleted ones only when asked."""
    from ui_plugin.store.listing import PipelineQuery

    page = store.pipelines.list(
        PipelineQuery(
            search=search,
            tag=tag,
            owner=owner,
            status=pipeline_status,
            include_deleted=include_deleted,
            sort=sort,
            descending=descending,
            limit=limit,
            offset=offset,
        )
    )
    ids = [record.id for record in page.items]
    published = store.pipelines.published_versions(ids)
    activity = dag_activity(ids, user)
    return PageOut[PipelineListItem].of(
        page, [PipelineListItem.of_page_row(record, published, activity) for record in page.items]
    )


@router.post("/pipelines", status_code=status.HTTP_201_CREATED)
def create_pipeline(user: PipelineCreator, store: StoreDep, body: PipelineCreate) -> PipelineDetail:
    """Store a new pipeline from a spec; its draft is also committed as version 1."""
    spec = body.validated()
    require_code_permission(user, spec.to_data())
    record = store.pipelines.create(spec, actor=actor_name(user), message=body.message)
    return PipelineDetail.of_store(store, record)


@router.get("/pipelines/{pipeline_id}")
def get_pipeline(
    pipeline_id: str, user: PipelineReader, store: StoreDep, include_deleted: bool = False
) -> PipelineDetail:
    """One pipeline with its draft spec; a deleted one only with ``include_deleted``."""
    return PipelineDetail.of_store(store, store.pipelines.get(pipeline_id, include_deleted=include_deleted))


@router.put("/pipelines/{pipeline_id}")
def save_pipeline(
    pipeline_id: str, user: PipelineEditor, store: StoreDep, body: PipelineSave
) -> PipelineDetail:
    """Replace the draft and commit it as a new version; the same content again changes nothing."""
    from ui_plugin.api.draft_edits import draft_to_edit

    spec = body.validated()
    if spec.id != pipeline_id:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "id_mismatch",
            f"the spec's id {spec.id!r} is not the pipeline's id {pipeline_id!r}; ids cannot be changed",
            field="spec.id",
        )
    before = draft_to_edit(store, pipeline_id, body.row_version)
    require_code_permission(user, spec.to_data(), before.draft_spec)
    actor = actor_name(user)
    after = store.pipelines.save_draft(
        spec, expected_row_version=before.row_version, actor=actor, commit_message=body.message
    )
    return PipelineDetail.of_store(store, after)


@router.delete("/pipelines/{pipeline_id}")
def delete_pipeline(
    pipeline_id: str,
    user: PipelineDeleter,
    store: StoreDep,
    row_version: Annotated[
        int | None, Query(description="Refuse with 409 if the pipeline changed since.")
    ] = None,
) -> PipelineDetail:
    """Soft delete: the pipeline leaves lists and reads until restored; its versions are kept."""
    record = store.pipelines.delete(pipeline_id, actor=actor_name(user), expected_row_version=row_version)
    return PipelineDetail.of_store(store, record)


@router.post("/pipelines/{pipeline_id}/restore")
def restore_pipeline(pipeline_id: str, user: PipelineDeleter, store: StoreDep) -> PipelineDetail:
    """Undo a soft delete."""
    return PipelineDetail.of_store(store, store.pipelines.restore(pipeline_id, actor=actor_name(user)))


@router.post("/validate")
def validate_spec(user: PipelineReader, body: SpecInput) -> ValidationResult:
    """Check a spec against the format and the node types; problems are the answer, not an error."""
    from dag_factory.spec.errors import SpecError

    try:
        body.validated()
    except SpecError as error:
        return ValidationResult(
            valid=False, errors=[SpecProblem(**issue.to_dict()) for issue in error.issues]
        )
    return ValidationResult(valid=True, errors=[])


@router.post("/compile")
def compile_spec(user: PipelineReader, body: SpecInput) -> CompiledDag:
    """The DAG a spec compiles to: tasks, the nodes each runs, dependencies; nothing is stored."""
    from ui_plugin.api.compile_preview import compile_preview

    return compile_preview(body.validated())


@router.post("/preview")
def preview_spec(user: PipelineEditor, body: PreviewRequest) -> PipelineSample:
    """Run a spec's nodes on the first rows of its sources and return each node's sample.

    Sinks never run. Code-bearing nodes run, so previewing them needs ``can_edit`` on
    ``Aggregator Code``.
    """
    from ui_plugin.api.pipeline_preview import preview_request

    return preview_request(user, body)
