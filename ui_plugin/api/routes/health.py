"""Liveness of the plugin: public, so load balancers and probes can call it."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The plugin is loaded and answering."""

    status: str
    version: str


@router.get("/health", response_model=Health)
def get_health() -> Health:
    """Report that the plugin is up, with its version."""
    from ui_plugin.api.app import package_version

    return Health(status="ok", version=package_version())
