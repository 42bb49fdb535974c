"""The audit log of every change, readable through the API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from ui_plugin.api.permissions import Action, Resource, requires
from ui_plugin.api.pipeline_models import PageOut
from ui_plugin.api.query_bounds import Limit, Offset
from ui_plugin.api.store_access import StoreDep

router = APIRouter(tags=["audit"])

PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]


class AuditEntryOut(BaseModel):
    """Who did what to which pipeline or template, and when."""

    actor: str
    action: str
    entity_type: str
    entity_id: str
    details: dict[str, Any]
    at: datetime


@router.get("/audit")
def list_audit_entries(
    user: PipelineReader,
    store: StoreDep,
    entity_type: Annotated[str | None, Query(description="pipeline or template.")] = None,
    entity_id: str | None = None,
    actor: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PageOut[AuditEntryOut]:
    """A page of audit entries matching every given filter, newest first."""
    page = store.audit.list(
        entity_type=entity_type, entity_id=entity_id, actor=actor, limit=limit, offset=offset
    )
    items = [AuditEntryOut.model_validate(record, from_attributes=True) for record in page.items]
    return PageOut[AuditEntryOut].of(page, items)
