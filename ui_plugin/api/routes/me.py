"""The signed-in user and which aggregator permissions they hold, so the UI shows only what they may do."""

from __future__ import annotations

from typing import Annotated

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from ui_plugin.api.permissions import ALL_PERMISSIONS, Action, Resource, is_allowed, requires
from ui_plugin.api.users import actor_name

router = APIRouter(tags=["me"])

PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]


class PermissionOut(BaseModel):
    """One action on one resource."""

    action: str
    resource: str


class MeOut(BaseModel):
    """The user's name and every aggregator permission they hold."""

    name: str
    permissions: list[PermissionOut]


@router.get("/me")
def get_me(user: PipelineReader) -> MeOut:
    """Who is signed in, with their aggregator permissions (sorted by resource, then action)."""
    from airflow.api_fastapi.app import get_auth_manager

    auth_manager = get_auth_manager()
    held = sorted(
        (permission for permission in ALL_PERMISSIONS if is_allowed(auth_manager, user, permission)),
        key=lambda permission: (permission.resource.value, permission.action.value),
    )
    return MeOut(
        name=actor_name(user),
        permissions=[PermissionOut(**permission.describe()) for permission in held],
    )
