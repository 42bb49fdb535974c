"""The UI bundle: registered as a React app in Airflow's plugin list and served through Airflow's app.

These tests read the bundle that ``make ui`` builds into ``ui_plugin/frontend/dist``.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from ui_plugin.api.routes import frontend
from ui_plugin.plugin import PIPELINES_PAGE

pytest_plugins = ["api_fixtures"]

AIRFLOW_BASE = "http://localhost/"


@pytest.fixture(scope="module")
def built_bundle() -> Path:
    """The built bundle; without it, these tests fail and say how to build it."""
    bundle = frontend.FRONTEND_DIST / Path(urlsplit(PIPELINES_PAGE["bundle_url"]).path).name
    assert bundle.is_file(), f"{bundle} is missing: run `make ui` first"
    return bundle


def served_path(url: str) -> str:
    """A URL of the plugin registration as Airflow's UI resolves it (against its base URL)."""
    return urlsplit(urljoin(AIRFLOW_BASE, url)).path


@pytest.fixture
def dist(tmp_path, monkeypatch) -> Path:
    """A bundle folder of the test's own making, served in place of the built one."""
    folder = tmp_path / "dist"
    folder.mkdir()
    monkeypatch.setattr(frontend, "FRONTEND_DIST", folder)
    return folder


def test_airflow_lists_the_pipelines_page_among_its_react_apps(api_client, role_tokens):
    response = api_client.get("/api/v2/plugins", headers={"Authorization": f"Bearer {role_tokens['Admin']}"})
    assert response.status_code == 200, response.text
    plugins = {plugin["name"]: plugin for plugin in response.json()["plugins"]}
    react_apps = plugins["aggregator"]["react_apps"]
    assert react_apps[0] == {
        "name": "Pipelines",
        "bundle_url": "aggregator/api/ui/aggregator.js",
        "destination": "nav",
        "url_route": "pipelines",
        "category": "Aggregator",
        "icon": "aggregator/api/ui/pipelines.svg",
        "icon_dark_mode": "aggregator/api/ui/pipelines-dark.svg",
        "nav_top_level": True,
    }
    assert served_path(react_apps[0]["bundle_url"]) == "/aggregator/api/ui/aggregator.js"


def test_the_registered_bundle_is_javascript_that_publishes_the_page(api_client, built_bundle):
    response = api_client.get(served_path(PIPELINES_PAGE["bundle_url"]))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content == built_bundle.read_bytes()
    # Airflow's UI reads the component from this global after importing the bundle.
    assert "globalThis.AirflowPlugin=AirflowPlugin" in response.text.replace(" ", "")
    # React and Chakra come from Airflow's UI, not from the bundle.
    for shared in ("ReactJSXRuntime", "ChakraUI", "ReactRouterDOM"):
        assert shared in response.text
    assert "react.transitional.element" not in response.text
    # Nothing a browser cannot run: Node's process global, CommonJS require of a package.
    assert "process.env" not in response.text
    assert 'require("' not in response.text
    # Within the UI's size budget: 1 MB gzipped, Airflow's shared modules excluded.
    assert len(gzip.compress(response.content)) < 1_000_000


@pytest.mark.parametrize("icon", ["icon", "icon_dark_mode"])
def test_the_registered_icons_are_svg(api_client, built_bundle, icon):
    response = api_client.get(served_path(PIPELINES_PAGE[icon]))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.lstrip().startswith("<svg")


def test_a_current_copy_is_revalidated_with_304(api_client, built_bundle):
    path = served_path(PIPELINES_PAGE["bundle_url"])
    etag = api_client.get(path).headers["etag"]
    again = api_client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    stale = api_client.get(path, headers={"If-None-Match": '"0-0"'})
    assert stale.status_code == 200 and stale.content == built_bundle.read_bytes()


@pytest.mark.parametrize("suffix", [".js", ".cjs", ".mjs"])
def test_every_javascript_suffix_is_served_as_javascript(api_client, dist, suffix):
    (dist / "chunks").mkdir()
    (dist / "chunks" / f"page{suffix}").write_text("export default 1;\n")
    response = api_client.get(f"/aggregator/api/ui/chunks/page{suffix}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.text == "export default 1;\n"


def test_an_unbuilt_ui_answers_404_saying_to_run_make_ui(api_client, tmp_path, monkeypatch):
    monkeypatch.setattr(frontend, "FRONTEND_DIST", tmp_path / "missing")
    response = api_client.get("/aggregator/api/ui/aggregator.js")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail["error"] == "ui_not_built"
    assert detail["field"] == "path"
    assert "make ui" in detail["message"]


@pytest.mark.parametrize(
    "path", ["nothing.js", "chunks", "%2e%2e/secret.txt", "..%2Fsecret.txt", "%2Fetc%2Fpasswd"]
)
def test_only_files_inside_the_bundle_are_served(api_client, dist, path):
    (dist / "chunks").mkdir()
    (dist.parent / "secret.txt").write_text("not for the browser")
    response = api_client.get(f"/aggregator/api/ui/{path}")
    assert response.status_code == 404, response.text
    assert response.json()["detail"]["error"] == "not_found"
    assert "not for the browser" not in response.text and "root:" not in response.text


def test_the_bundle_needs_no_sign_in(as_role, built_bundle):
    response = as_role("anonymous").get("/ui/aggregator.js")
    assert response.status_code == 200, response.text
