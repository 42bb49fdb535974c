"""The plugin app's start-up registers permissions, and a failure there does not stop Airflow."""

import logging

from fastapi.testclient import TestClient

from ui_plugin.api import fab_registration
from ui_plugin.api.app import create_app


def test_a_failed_registration_is_logged_and_the_app_still_starts(monkeypatch, caplog):
    def unreachable_database() -> None:
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(fab_registration, "register_if_fab", unreachable_database)
    with caplog.at_level(logging.ERROR), TestClient(create_app()) as client:
        assert client.get("/health").status_code == 200
    assert "Could not register the aggregator permissions" in caplog.text
    assert "database unreachable" in caplog.text


def test_registration_runs_at_start_up(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(fab_registration, "register_if_fab", lambda: calls.append("registered"))
    with TestClient(create_app()):
        assert calls == ["registered"]


def test_no_registration_under_simple_auth_manager(monkeypatch):
    from airflow.api_fastapi import app as airflow_app
    from airflow.api_fastapi.auth.managers.simple.simple_auth_manager import SimpleAuthManager

    monkeypatch.setattr(airflow_app, "get_auth_manager_cls", lambda: SimpleAuthManager)
    assert fab_registration.register_if_fab() is None
