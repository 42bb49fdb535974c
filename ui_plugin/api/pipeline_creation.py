"""Store new pipelines from validated specs, every check made before the first one is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from fastapi import status

from ui_plugin.api.code_gate import require_code_permission
from ui_plugin.api.error_responses import ApiError
from ui_plugin.api.permissions import Action, Permission, PermissionDenied, Resource, is_allowed
from ui_plugin.api.users import actor_name
from ui_plugin.store.errors import NotFoundError

if TYPE_CHECKING:
    from airflow.api_fastapi.auth.managers.models.base_user import BaseUser

    from dag_factory.spec.models import PipelineSpec
    from ui_plugin.store.records import PipelineRecord
    from ui_plugin.store.store import Store

OnConflict = Literal["fail", "skip"]
CREATE_PIPELINES = Permission(Action.CREATE, Resource.PIPELINES)


@dataclass
class CreatedPipelines:
    """What a creation stored, and the ids it left alone because they were taken."""

    created: list[PipelineRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def require_pipeline_create(user: BaseUser) -> None:
    """403 like a route's own check when ``user`` may not create pipelines."""
    from airflow.api_fastapi.app import get_auth_manager

    if not is_allowed(get_auth_manager(), user, CREATE_PIPELINES):
        raise PermissionDenied(CREATE_PIPELINES)


def create_pipelines(
    store: Store,
    user: BaseUser,
    specs: Sequence[PipelineSpec],
    *,
    message: str,
    on_conflict: OnConflict = "fail",
    field_of: str = "id",
    conflict_hint: str = "",
) -> CreatedPipelines:
    """Store each spec as a new pipeline.

    The code gate and the ids are checked for every spec before any is stored, so a
    refused request stores nothing. A taken id (also by a deleted pipeline) is a 409
    naming ``field_of`` and the spec's index, its message ending with ``conflict_hint``,
    or is skipped with ``on_conflict="skip"``. The pipelines are stored in one
    transaction: an id taken by another request meanwhile is a 409 and stores none.
    """
    for spec in specs:
        require_code_permission(user, spec.to_data())
    result = CreatedPipelines()
    fresh = []
    for index, spec in enumerate(specs):
        if not _exists(store, spec.id):
            fresh.append(spec)
        elif on_conflict == "skip":
            result.skipped.append(spec.id)
        else:
            raise ApiError(
                status.HTTP_409_CONFLICT,
                "already_exists",
                f"pipeline {spec.id!r} already exists{conflict_hint}",
                field=field_of,
                pipeline_id=spec.id,
                index=index,
            )
    actor = actor_name(user)
    result.created = store.pipelines.create_many(fresh, actor=actor, message=message)
    return result


def _exists(store: Store, pipeline_id: str) -> bool:
    try:
        store.pipelines.get(pipeline_id, include_deleted=True)
    except NotFoundError:
        return False
    return True
