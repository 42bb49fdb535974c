"""Liveness and readiness probes through Airflow's real API server, without a token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest_plugins = ["api_fixtures"]

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def unmigrated_store(api_client, tmp_path) -> Iterator[object]:
    """A store over an empty SQLite file, never migrated, used by the plugin's routes."""
    from api_fixtures import plugin_app

    from ui_plugin.store.database import store_engine
    from ui_plugin.store.store import Store

    engine = store_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    app = plugin_app(api_client)
    app.state.store = Store.over(engine)
    yield app.state.store
    app.state.store = None
    engine.dispose()


def test_liveness_answers_without_a_token(as_role):
    response = as_role("anonymous").get("/health")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_migrated_store_and_writable_staging_are_ready(api_store, as_role, tmp_path, monkeypatch):
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__STAGING_URL", f"file://{tmp_path / 'staging'}")

    response = as_role("anonymous").get("/health/ready")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"store", "staging"}
    assert body["checks"]["store"]["ok"] is True
    assert body["checks"]["staging"] == {"ok": True, "detail": f"writable: file://{tmp_path / 'staging'}"}
    assert list((tmp_path / "staging").iterdir()) == []


@pytest.mark.usefixtures("unmigrated_store")
def test_an_unmigrated_store_is_not_ready(as_role):
    response = as_role("anonymous").get("/health/ready")

    assert response.status_code == 503, response.text
    body = response.json()
    assert body["status"] == "not_ready"
    assert body["checks"]["store"]["ok"] is False
    assert "pending" in body["checks"]["store"]["detail"]
    assert "aggregator db migrate" in body["checks"]["store"]["detail"]


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_staging_that_cannot_be_written_is_not_ready(api_store, as_role, monkeypatch):
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__STAGING_URL", "file:///proc/aggregator-staging")

    response = as_role("anonymous").get("/health/ready")

    assert response.status_code == 503, response.text
    assert response.json()["checks"]["staging"]["ok"] is False
    assert response.json()["checks"]["store"]["ok"] is True


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_configured_redis_that_answers_ping_is_ready(api_store, as_role, tmp_path, monkeypatch):
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__STAGING_URL", f"file://{tmp_path}")
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__REDIS_URL", REDIS_URL)

    response = as_role("anonymous").get("/health/ready")

    assert response.status_code == 200, response.text
    assert response.json()["checks"]["redis"] == {"ok": True, "detail": f"PING answered by {REDIS_URL}"}


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_an_unreachable_redis_is_not_ready_and_its_password_is_not_shown(
    api_store, as_role, tmp_path, monkeypatch
):
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__STAGING_URL", f"file://{tmp_path}")
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__REDIS_URL", "redis://probe:redis-Secret-1@127.0.0.1:1/0")

    response = as_role("anonymous").get("/health/ready")

    assert response.status_code == 503, response.text
    redis = response.json()["checks"]["redis"]
    assert redis["ok"] is False
    assert redis["detail"].startswith("redis://probe:***@127.0.0.1:1/0: ")
    assert "redis-Secret-1" not in response.text
