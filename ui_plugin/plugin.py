"""``AggregatorPlugin``: registers the aggregator API and its pages with Airflow's API server and UI.

Airflow imports plugins in scheduler, parser and task processes too, so nothing is built
at import: the FastAPI app is created only when the API server asks for it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from airflow.plugins_manager import AirflowPlugin

API_PREFIX = "/aggregator/api"

# Airflow's UI resolves these against its own base URL (document.baseURI), so relative
# paths keep working when Airflow is served under a sub-path.
UI_FILES = API_PREFIX.lstrip("/") + "/ui"
PIPELINES_PAGE: dict[str, Any] = {
    "name": "Pipelines",
    "bundle_url": f"{UI_FILES}/aggregator.js",
    "destination": "nav",
    "url_route": "pipelines",
    "category": "Aggregator",
    "icon": f"{UI_FILES}/pipelines.svg",
    "icon_dark_mode": f"{UI_FILES}/pipelines-dark.svg",
    "nav_top_level": True,
}
"""The Pipelines page, at ``/plugin/pipelines`` of Airflow's UI and in its navigation bar."""

PIPELINE_TAB: dict[str, Any] = {
    "name": "Pipeline",
    "bundle_url": PIPELINES_PAGE["bundle_url"],
    "destination": "dag",
    "url_route": "pipeline",
    "icon": PIPELINES_PAGE["icon"],
    "icon_dark_mode": PIPELINES_PAGE["icon_dark_mode"],
}
"""The "Pipeline" tab of every DAG's page, at ``/dags/<dag_id>/plugin/pipeline``: the pipeline
the DAG was built from, the version it runs and its parse state.

It shares the Pipelines page's bundle, which publishes each app's component under the app's
name (Airflow imports a bundle once, then looks components up by name). Airflow routes React
apps by ``url_route`` alone, so it must differ from every other app's.
"""


class AggregatorPlugin(AirflowPlugin):
    """Pipelines, node types and the spec schema, served at ``/aggregator/api``, and their pages."""

    name = "aggregator"
    react_apps = [PIPELINES_PAGE, PIPELINE_TAB]

    @cached_property
    def fastapi_root_middlewares(self) -> list[dict[str, Any]]:  # type: ignore[override]
        from ui_plugin.bundle_preload import BundlePreloadMiddleware

        return [
            {
                "middleware": BundlePreloadMiddleware,
                "args": [],
                "kwargs": {},
                "name": "Aggregator bundle preload",
            }
        ]

    @cached_property
    def fastapi_apps(self) -> list[dict[str, Any]]:  # type: ignore[override]
        from ui_plugin.api.app import create_app

        return [{"app": create_app(), "url_prefix": API_PREFIX, "name": "Aggregator API"}]
