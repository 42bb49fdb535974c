"""Build the FastAPI app that Airflow mounts at ``/aggregator/api``."""

from __future__ import annotations

from fastapi import FastAPI

from ui_plugin.api.routes import health, schema


def create_app() -> FastAPI:
    """The aggregator API application."""
    app = FastAPI(
        title="airflow-aggregator API",
        version=package_version(),
        description="Pipelines, node types and the pipeline spec schema.",
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
