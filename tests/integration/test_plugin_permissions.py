"""FAB registration of the plugin's permissions and how 401/403 answer, in Airflow's real API server app.

The matrix of every route by role is ``api/test_route_permission_matrix.py``.
"""

import os
import subprocess
import sys

import pytest
from test_plugin_api import create_user, sign_in

from ui_plugin.api.fab_registration import register_with_session, role_grants
from ui_plugin.api.permissions import ALL_PERMISSIONS

ROLES = ("Viewer", "User", "Op", "Admin")
NO_AGGREGATOR_ROLE = "Aggregator Outsider"


def username(role: str) -> str:
    return f"rbac_{role.lower().replace(' ', '_')}"


def fab_pairs(session, role_name: str) -> set[tuple[str, str]]:
    from airflow.providers.fab.www.security_appless import ApplessAirflowSecurityManager

    role = ApplessAirflowSecurityManager(session=session).find_role(role_name)
    return {(perm.action.name, perm.resource.name) for perm in role.permissions}


def start_api_server():
    from airflow.api_fastapi.app import create_app
    from fastapi.testclient import TestClient

    return TestClient(create_app(), base_url="http://localhost")


@pytest.fixture(scope="module")
def client(airflow_db):
    for role in ROLES:
        create_user(username(role), role)
    with start_api_server() as test_client:
        with_outsider_role()
        create_user(username(NO_AGGREGATOR_ROLE), NO_AGGREGATOR_ROLE)
        yield test_client


def with_outsider_role() -> None:
    """A custom role that may read Airflow's DAGs but holds no aggregator permission."""
    from airflow.providers.fab.www.security_appless import ApplessAirflowSecurityManager
    from airflow.utils.session import create_session

    with create_session() as session:
        security_manager = ApplessAirflowSecurityManager(session=session)
        role = security_manager.add_role(NO_AGGREGATOR_ROLE)
        security_manager.add_permission_to_role(role, security_manager.create_permission("can_read", "DAGs"))


@pytest.fixture(scope="module")
def tokens(client) -> dict[str, str]:
    return {role: sign_in(client, username(role)) for role in (*ROLES, NO_AGGREGATOR_ROLE)}


def call(client, tokens, method: str, path: str, principal: str):
    headers = {} if principal == "anonymous" else {"Authorization": f"Bearer {tokens[principal]}"}
    return client.request(method, f"/aggregator/api{path}", headers=headers)


def test_an_invalid_token_is_told_to_sign_in_again(client):
    response = client.get("/aggregator/api/schema", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"]["error"] == "not_authenticated"


def test_a_role_without_the_permission_gets_403_naming_it(client, tokens):
    response = call(client, tokens, "GET", "/schema", NO_AGGREGATOR_ROLE)
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert detail["error"] == "permission_denied"
    assert detail["missing_permission"] == {"action": "can_read", "resource": "Aggregator Pipelines"}
    assert "Aggregator Pipelines" in detail["message"]
    assert call(client, tokens, "GET", "/health", NO_AGGREGATOR_ROLE).status_code == 200


def test_start_up_creates_every_permission_and_the_role_defaults(client):
    from airflow.utils.session import create_session

    with create_session() as session:
        admin = fab_pairs(session, "Admin")
        assert {(p.action.value, p.resource.value) for p in ALL_PERMISSIONS} <= admin
        for role, pairs in role_grants().items():
            assert pairs <= fab_pairs(session, role), role
        viewer = fab_pairs(session, "Viewer")
        assert ("can_read", "Aggregator Code") in viewer
        assert ("can_edit", "Aggregator Pipelines") not in viewer
        assert ("can_read", "Plugins") in viewer
        user = fab_pairs(session, "User")
        assert ("can_create", "Aggregator Publish") not in user
        assert ("can_create", "Aggregator Publish") in fab_pairs(session, "Op")
        assert ("can_edit", "Aggregator Code") not in fab_pairs(session, "Op")
        assert not {pair for pair in fab_pairs(session, NO_AGGREGATOR_ROLE) if "Aggregator" in pair[1]}


def test_a_second_start_up_keeps_the_permissions_and_what_an_admin_granted(client, tokens):
    from airflow.providers.fab.www.security_appless import ApplessAirflowSecurityManager
    from airflow.utils.session import create_session

    extra = ("can_delete", "Aggregator Pipelines")
    with create_session() as session:
        security_manager = ApplessAirflowSecurityManager(session=session)
        for role_name in ("Viewer", NO_AGGREGATOR_ROLE):
            security_manager.add_permission_to_role(
                security_manager.find_role(role_name), security_manager.create_permission(*extra)
            )
        before = {role: fab_pairs(session, role) for role in (*ROLES, NO_AGGREGATOR_ROLE)}

    with start_api_server() as second:
        assert second.get("/aggregator/api/health").status_code == 200

    with create_session() as session:
        after = {role: fab_pairs(session, role) for role in (*ROLES, NO_AGGREGATOR_ROLE)}
        assert after == before
        assert extra in after["Viewer"] and extra in after[NO_AGGREGATOR_ROLE]
        again = register_with_session(session)
        assert (again.created, again.granted, again.missing_roles) == ([], {}, [])


def airflow_cli(*args: str) -> None:
    command = [sys.executable, "-m", "airflow", *args]
    subprocess.run(command, check=True, capture_output=True, env=os.environ.copy())


def test_a_custom_role_granted_from_the_command_line_can_author_pipelines(client):
    airflow_cli("roles", "create", "Pipeline authors")
    airflow_cli(
        "roles", "add-perms", "Pipeline authors", "-r", "Aggregator Pipelines", "-a", "can_read", "can_create"
    )
    create_user("rbac_author", "Pipeline authors")
    token = sign_in(client, "rbac_author")
    response = client.get("/aggregator/api/schema", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
