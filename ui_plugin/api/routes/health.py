"""Liveness and readiness of the plugin: public, so load balancers and probes can call them."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from ui_plugin.api.store_access import StoreDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The plugin is loaded and answering."""

    status: str
    version: str


class Check(BaseModel):
    """One dependency of the plugin and whether it is usable."""

    ok: bool
    detail: str


class Readiness(BaseModel):
    """``ready`` when every check is ok, else ``not_ready`` (answered with 503)."""

    status: str
    checks: dict[str, Check]


@router.get("/health", response_model=Health)
def get_health() -> Health:
    """Report that the plugin is up, with its version."""
    from ui_plugin.api.app import package_version

    return Health(status="ok", version=package_version())


@router.get(
    "/health/ready",
    response_model=Readiness,
    responses={status.HTTP_503_SERVICE_UNAVAILABLE: {"model": Readiness, "description": "A check failed."}},
)
def get_readiness(store: StoreDep, response: Response) -> Readiness:
    """Whether the store is migrated, staging is writable and Redis (when configured) answers."""
    from ui_plugin.api.readiness import readiness_checks

    checks = readiness_checks(store)
    ready = all(check.ok for check in checks.values())
    if not ready:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return Readiness(
        status="ready" if ready else "not_ready",
        checks={name: Check(ok=check.ok, detail=check.detail) for name, check in checks.items()},
    )
