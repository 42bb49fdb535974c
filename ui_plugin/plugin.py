"""``AggregatorPlugin``: registers the aggregator API with Airflow's API server.

Airflow imports plugins in scheduler, parser and task processes too, so nothing is built
at import: the FastAPI app is created only when the API server asks for it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from airflow.plugins_manager import AirflowPlugin

API_PREFIX = "/aggregator/api"


class AggregatorPlugin(AirflowPlugin):
    """Pipelines, node types and the spec schema, served at ``/aggregator/api``."""

    name = "aggregator"

    @cached_property
    def fastapi_apps(self) -> list[dict[str, Any]]:  # type: ignore[override]
        from ui_plugin.api.app import create_app

        return [{"app": create_app(), "url_prefix": API_PREFIX, "name": "Aggregator API"}]
