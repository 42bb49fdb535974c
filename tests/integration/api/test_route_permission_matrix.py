"""Every route of the plugin by {anonymous, Viewer, User, Op, Admin}, through Airflow's API server.

Each ``routes_*.py`` beside this file lists its routes with the permission they must
declare. A caller without a token gets 401; a role without the permission gets 403
naming it; a role with it gets past the check (any answer but 401, 403 or a 5xx).
"""

from __future__ import annotations

import re

import pytest
import routes_audit
import routes_connections
import routes_frontend
import routes_health
import routes_interchange
import routes_me
import routes_pipelines
import routes_publishing
import routes_schema
import routes_search
import routes_templates
import routes_versions

from ui_plugin.api.app import create_app as create_plugin_app
from ui_plugin.api.permissions import ROLE_DEFAULTS, Permission, route_permissions

pytest_plugins = ["api_fixtures"]

TABLES = (
    routes_health,
    routes_schema,
    routes_pipelines,
    routes_versions,
    routes_publishing,
    routes_templates,
    routes_interchange,
    routes_connections,
    routes_search,
    routes_audit,
    routes_frontend,
    routes_me,
)
EXPECTED: dict[tuple[str, str], Permission | None] = {
    route: permission for table in TABLES for route, permission in table.ROUTES.items()
}
PRINCIPALS = ("anonymous", "Viewer", "User", "Op", "Admin")


def concrete(path: str) -> str:
    """The path with its parameters filled: numbers for version numbers, names otherwise."""
    return re.sub(
        r"\{(\w+)\}", lambda m: "1" if m.group(1) in {"number", "version", "other"} else "matrix_probe", path
    )


def test_the_tables_name_every_route_of_the_plugin():
    assert set(route_permissions(create_plugin_app())) == set(EXPECTED)


def test_every_route_declares_the_permission_its_table_names():
    assert route_permissions(create_plugin_app()) == EXPECTED


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize("route", sorted(EXPECTED), ids=lambda route: f"{route[0]} {route[1]}")
def test_permission_matrix(api_store, as_role, route, principal):
    method, path = route
    permission = EXPECTED[route]
    body = {} if method in {"POST", "PUT", "PATCH"} else None
    response = as_role(principal).request(method, concrete(path), json=body)
    if permission is None:
        assert response.status_code < 400 or response.status_code in (404, 422), response.text
    elif principal == "anonymous":
        assert response.status_code == 401, response.text
    elif permission not in ROLE_DEFAULTS[principal]:
        assert response.status_code == 403, response.text
        assert response.json()["detail"]["missing_permission"] == permission.describe()
    else:
        assert response.status_code not in (401, 403), response.text
        assert response.status_code < 500, response.text
