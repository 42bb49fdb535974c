"""In a real browser: sign in to Airflow, open the Pipelines page, see the pipelines listed.

Airflow's API server runs as a process (``conftest.py``); headless Chromium (the system's
``chromium``, driven by Playwright from ``ui_plugin/frontend``'s npm packages) signs in
through FAB's login page. The screenshots land in ``docs/images``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from browser_scripts import IMAGES, run_script
from store_specs import make_spec

BROWSER_TIMEOUT = 240

PIPELINES = [
    make_spec("orders_daily", name="Daily orders roll-up", owner="sales", tags=["sales", "daily"]),
    make_spec("customer_sync", name="Customer sync", owner="crm", tags=["crm"]),
    make_spec("web_events_hourly", owner="analytics", tags=["web", "hourly"], schedule="@hourly"),
]

pytestmark = pytest.mark.slow


def create_pipelines(server) -> None:
    headers = {"Authorization": f"Bearer {server.token()}"}
    for spec in PIPELINES:
        response = requests.post(
            f"{server.url}/aggregator/api/pipelines",
            json={"spec": spec.to_data()},
            headers=headers,
            timeout=60,
        )
        assert response.status_code == 201, response.text


def browse(server, tmp_path: Path, *, expect_rows: bool, screenshot: Path) -> dict:
    options = {
        "url": server.url,
        "username": server.username,
        "password": server.password,
        "profile": str(tmp_path / "chromium-profile"),
        "screenshot": str(screenshot),
        "darkScreenshot": str(screenshot.with_name(f"{screenshot.stem}-dark.png")),
        "expectRows": expect_rows,
    }
    return run_script("pipelines_page.mjs", options, timeout=BROWSER_TIMEOUT, log=server.log)


def test_a_signed_in_user_sees_the_empty_state_then_the_pipelines(airflow_server, tmp_path):
    empty = browse(airflow_server, tmp_path / "empty", expect_rows=False, screenshot=tmp_path / "empty.png")
    assert empty["emptyState"] is True
    assert empty["rows"] == []

    create_pipelines(airflow_server)
    IMAGES.mkdir(parents=True, exist_ok=True)
    screenshot = IMAGES / "pipelines-list.png"

    report = browse(airflow_server, tmp_path / "listed", expect_rows=True, screenshot=screenshot)

    assert report["loginUrl"] == "/auth/login/"
    assert report["url"] == "/plugin/pipelines"
    assert report["navLink"] == "/plugin/pipelines"
    assert report["bundle"]["status"] == 200
    assert report["bundle"]["contentType"].startswith("text/javascript")
    assert report["pluginGlobal"] == "function"
    assert report["pageErrors"] == []
    rows = {row["id"]: row["cells"] for row in report["rows"]}
    assert list(rows) == ["customer_sync", "orders_daily", "web_events_hourly"]
    # The first cell holds the row's selection checkbox (for bulk export and delete).
    name, owner, tags, status, published, last_run, next_run, updated = rows["orders_daily"][-8:]
    assert len(rows["orders_daily"]) == 9
    assert name.split() == ["Daily", "orders", "roll-up", "orders_daily"]
    assert (owner, status) == ("sales", "draft")
    assert tags.split() == ["sales", "daily"]
    # Never published, so Airflow has no DAG: no version, no runs.
    assert (published, last_run, next_run) == ("—", "—", "—")
    assert updated
    # Airflow's Chakra theme colours the page: the heading turns light in dark mode.
    assert report["lightHeadingColor"] != report["darkHeadingColor"]
    assert screenshot.stat().st_size > 10_000
