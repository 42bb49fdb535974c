"""The semantic diff of two states of a stored pipeline: two versions, or a version and the draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import status

from ui_plugin.api.error_responses import ApiError
from ui_plugin.api.query_bounds import MAX_NUMBER
from ui_plugin.store.errors import NotFoundError

if TYPE_CHECKING:
    from ui_plugin.store.store import Store

DRAFT = "draft"


def diff_of_pipeline(store: Store, pipeline_id: str, from_version: int, to_version: str) -> dict[str, Any]:
    """``SpecDiff.to_data()`` from version ``from_version`` to ``to_version`` (a number or ``draft``).

    404 names ``id`` for an unknown pipeline and ``from_version``/``to_version`` for an
    unknown version; 422 names ``to_version`` when it is neither a number nor ``draft``.
    """
    from dag_factory.spec.models import PipelineSpec
    from dag_factory.spec.spec_diff import diff_specs

    target = _draft_or_number(to_version)
    pipeline = store.pipelines.get(pipeline_id, include_deleted=True)
    old = _version_spec(store, pipeline_id, from_version, "from_version")
    if isinstance(target, int):
        new = _version_spec(store, pipeline_id, target, "to_version")
    else:
        new = pipeline.draft_spec
    diff = diff_specs(PipelineSpec.model_validate(old), PipelineSpec.model_validate(new))
    return {"from_version": from_version, "to_version": target, **diff.to_data()}


def _draft_or_number(to_version: str) -> int | str:
    if to_version == DRAFT:
        return DRAFT
    # More digits than any version number has are refused before int() (which caps digits).
    number = int(to_version) if to_version.isdecimal() and len(to_version) <= len(str(MAX_NUMBER)) else 0
    if not 1 <= number <= MAX_NUMBER:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "invalid_request",
            f"to_version must be a version number or {DRAFT!r}, got {to_version[:20]!r}",
            field="to_version",
        )
    return number


def _version_spec(store: Store, pipeline_id: str, number: int, field: str) -> dict[str, Any]:
    try:
        return store.versions.get(pipeline_id, number).spec
    except NotFoundError as error:
        raise ApiError(status.HTTP_404_NOT_FOUND, "not_found", error.message, field=field) from None
