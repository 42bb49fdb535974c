"""Build the FastAPI app that Airflow mounts at ``/aggregator/api``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ui_plugin.api.routes import health, schema

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
        description="Pipelines, node types and the pipeline spec schema.",
        lifespan=lifespan,
    )
    app.include_router(health.router)
    app.include_router(schema.router)
    return app


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("airflow-aggregator")
    except PackageNotFoundError:
        return "0+unknown"
