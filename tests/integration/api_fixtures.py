"""Fixtures of the API tests: Airflow's real API server app, FAB users of every role, a store.

Test modules use them with ``pytest_plugins = ["api_fixtures"]``. The store is a fresh
SQLite file or PostgreSQL schema per test (see ``store_fixtures``), handed to the plugin
app through ``app.state.store``; Airflow's own metadata is the session's database (SQLite, or
PostgreSQL under ``AGGREGATOR_TEST_METADATA=postgresql``: see ``tests/metadata_database.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from test_plugin_api import create_user, sign_in

pytest_plugins = ["store_fixtures"]

ROLES = ("Viewer", "User", "Op", "Admin")
PRINCIPALS = ("anonymous", *ROLES)
PLUGIN_PREFIX = "/aggregator/api"


def api_username(role: str) -> str:
    """The test user holding ``role``."""
    return f"api_{role.lower().replace(' ', '_')}"


@pytest.fixture(scope="session")
def api_client(airflow_db) -> Iterator[Any]:
    """A TestClient over Airflow's API server app (with the plugin mounted), users of every role."""
    from airflow.api_fastapi.app import create_app
    from fastapi.testclient import TestClient

    for role in ROLES:
        create_user(api_username(role), role)
    with TestClient(create_app(), base_url="http://localhost") as client:
        yield client


@pytest.fixture(scope="session")
def role_tokens(api_client) -> dict[str, str]:
    """A bearer token per role."""
    return {role: sign_in(api_client, api_username(role)) for role in ROLES}


def plugin_app(client: Any) -> Any:
    """The plugin's FastAPI app as Airflow mounted it."""
    from starlette.routing import Mount

    for route in client.app.routes:
        if isinstance(route, Mount) and route.path == PLUGIN_PREFIX:
            return route.app
    raise AssertionError(f"the plugin app is not mounted at {PLUGIN_PREFIX}")


@pytest.fixture
def api_store(api_client, store) -> Iterator[Any]:
    """A migrated empty store that the plugin's routes use for this test."""
    app = plugin_app(api_client)
    app.state.store = store
    try:
        yield store
    finally:
        app.state.store = None


@dataclass
class Caller:
    """Calls the plugin API as one principal: a role name or ``anonymous``."""

    client: Any
    token: str | None

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", None) or {})
        if self.token is not None:
            headers["Authorization"] = f"Bearer {self.token}"
        return self.client.request(method, f"{PLUGIN_PREFIX}{path}", headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Any:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Any:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.request("DELETE", path, **kwargs)


@pytest.fixture
def as_role(api_client, role_tokens):
    """``as_role("Op")`` -> a :class:`Caller` signed in with that role (``"anonymous"``: no token)."""

    def caller(principal: str) -> Caller:
        return Caller(api_client, None if principal == "anonymous" else role_tokens[principal])

    return caller
