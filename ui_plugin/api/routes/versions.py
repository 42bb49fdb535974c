"""Versions of a pipeline: history, one version, semantic diff, restore as the draft."""

from __future__ import annotations

from typing import Annotated, Any

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Body, Depends, Query
from pydantic import BaseModel, Field

from ui_plugin.api.code_gate import require_code_permission
from ui_plugin.api.permissions import Action, Resource, requires
from ui_plugin.api.pipeline_details import PipelineDetail
from ui_plugin.api.pipeline_models import PageOut, VersionOut, VersionSummary
from ui_plugin.api.query_bounds import MAX_NUMBER, Limit, Offset, VersionNumber
from ui_plugin.api.store_access import StoreDep
from ui_plugin.api.users import actor_name

router = APIRouter(tags=["versions"])

PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]
PipelineEditor = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.EDIT))]


class VersionRestore(BaseModel):
    """Restore a version as the draft, optionally only if the pipeline is still at ``row_version``."""

    row_version: int | None = Field(
        default=None, description="The pipeline's row_version as last read; a stale one gets 409."
    )


@router.get("/pipelines/{pipeline_id}/versions")
def list_versions(
    pipeline_id: str,
    user: PipelineReader,
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PageOut[VersionSummary]:
    """A page of the pipeline's versions, newest first."""
    page = store.versions.list(pipeline_id, limit=limit, offset=offset)
    return PageOut[VersionSummary].of(page, [VersionSummary.of(record) for record in page.items])


@router.get("/pipelines/{pipeline_id}/versions/{number}")
def get_version(pipeline_id: str, number: VersionNumber, user: PipelineReader, store: StoreDep) -> VersionOut:
    """One version with its spec."""
    return VersionOut.of(store.versions.get(pipeline_id, number))


@router.get("/pipelines/{pipeline_id}/diff")
def diff_versions(
    pipeline_id: str,
    user: PipelineReader,
    store: StoreDep,
    from_version: Annotated[int, Query(ge=1, le=MAX_NUMBER, description="Number of the older version.")],
    to_version: Annotated[
        str, Query(description="Number of the newer version, or draft (the default).")
    ] = "draft",
) -> dict[str, Any]:
    """What changed from one version to another or to the draft: fields, nodes, config keys, edges."""
    from ui_plugin.api.version_diff import diff_of_pipeline

    return diff_of_pipeline(store, pipeline_id, from_version, to_version)


@router.post("/pipelines/{pipeline_id}/versions/{number}/restore")
def restore_version(
    pipeline_id: str,
    number: VersionNumber,
    user: PipelineEditor,
    store: StoreDep,
    body: Annotated[VersionRestore | None, Body()] = None,
) -> PipelineDetail:
    """Make the version's spec the draft and commit it as a new version, "Restored version N"."""
    from ui_plugin.api.draft_edits import draft_to_edit

    before = draft_to_edit(store, pipeline_id, body.row_version if body else None)
    version = store.versions.get(pipeline_id, number)
    require_code_permission(user, version.spec, before.draft_spec)
    actor = actor_name(user)
    after = store.versions.restore(
        pipeline_id,
        number,
        actor=actor,
        expected_row_version=before.row_version,
        commit_message=f"Restored version {number}",
    )
    return PipelineDetail.of_store(store, after)
