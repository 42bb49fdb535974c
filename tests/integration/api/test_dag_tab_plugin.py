"""The DAG "Pipeline" tab: registered with Airflow as a React app shown on every DAG's page."""

from __future__ import annotations

import re
from pathlib import Path

from ui_plugin.plugin import PIPELINE_TAB, PIPELINES_PAGE

pytest_plugins = ["api_fixtures"]

FRONTEND_SOURCES = Path(__file__).resolve().parents[3] / "ui_plugin" / "frontend" / "src"


def listed_react_apps(api_client, role_tokens) -> list[dict]:
    """The aggregator's React apps as Airflow's GET /api/v2/plugins lists them to its UI."""
    response = api_client.get("/api/v2/plugins", headers={"Authorization": f"Bearer {role_tokens['Admin']}"})
    assert response.status_code == 200, response.text
    plugins = {plugin["name"]: plugin for plugin in response.json()["plugins"]}
    return plugins["aggregator"]["react_apps"]


def test_airflow_lists_the_pipeline_tab_for_dag_pages(api_client, role_tokens):
    tab = next(app for app in listed_react_apps(api_client, role_tokens) if app["name"] == "Pipeline")

    assert tab == {
        "name": "Pipeline",
        "bundle_url": "aggregator/api/ui/aggregator.js",
        "destination": "dag",
        "url_route": "pipeline",
        "category": None,
        "icon": "aggregator/api/ui/pipelines.svg",
        "icon_dark_mode": "aggregator/api/ui/pipelines-dark.svg",
        "nav_top_level": False,
    }


def test_the_tab_and_the_page_have_routes_of_their_own(api_client, role_tokens):
    # Airflow drops a React app whose url_route another app has, and finds apps by url_route alone.
    routes = [app["url_route"] for app in listed_react_apps(api_client, role_tokens)]

    assert PIPELINE_TAB["url_route"] in routes and PIPELINES_PAGE["url_route"] in routes
    assert len(routes) == len(set(routes))


def test_the_bundle_publishes_each_app_under_its_registered_name():
    # Airflow's UI looks an app's component up as globalThis[<name>] once the bundle is imported.
    source = (FRONTEND_SOURCES / "dagTab" / "registerApps.ts").read_text()
    names = dict(re.findall(r'(\w+): "([^"]+)"', source.split("APP_NAMES = ", 1)[1].split("}", 1)[0]))

    assert sorted(names.values()) == sorted([PIPELINES_PAGE["name"], PIPELINE_TAB["name"]])
