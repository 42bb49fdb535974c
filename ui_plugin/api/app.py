"""Build the FastAPI app that Airflow mounts at ``/aggregator/api``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ui_plugin.api.body_limit import BodyLimitMiddleware
from ui_plugin.api.error_responses import install_error_handlers
from ui_plugin.api.routes import (
    audit,
    connections,
    frontend,
    health,
    interchange,
    me,
    pipelines,
    publishing,
    schema,
    search,
    templates,
    versions,
)

ROUTERS = (
    health,
    schema,
    pipelines,
    versions,
    publishing,
    templates,
    interchange,
    connections,
    search,
    audit,
    me,
    frontend,
)

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start-up of the API server: register the aggregator's FAB permissions."""
    from ui_plugin.api.fab_registration import register_if_fab

    try:
        register_if_fab()
    except Exception:
        # Airflow's whole API server shares this start-up; without the permissions our
        # routes answer 403, which is safe, so report and keep Airflow up.
        log.exception("Could not register the aggregator permissions with FAB")
    yield


def create_app() -> FastAPI:
    """The aggregator API application."""
    app = FastAPI(
        title="airflow-aggregator API",
        version=package_version(),
        description=(
            "Pipelines with their versions, templates, publishing and runs; node types, "
            "connections and the pipeline spec schema. Errors answer "
            '{"detail": {"error", "message", "field"}}.'
        ),
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimitMiddleware)
    install_error_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router)
    return app


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("airflow-aggregator")
    except PackageNotFoundError:
        return "0+unknown"
