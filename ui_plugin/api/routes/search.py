"""Global search over pipelines, versions, templates, node types and connections."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["search"])
