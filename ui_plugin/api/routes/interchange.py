"""Import and export of pipelines as JSON or YAML, and import of dag-factory YAML."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["interchange"])
