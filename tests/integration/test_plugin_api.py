"""The plugin's API inside Airflow's real API server app, with FAB users and tokens."""

import os
import subprocess
import sys

import pytest

from dag_factory.registry.catalog import default_registry
from dag_factory.spec.json_schema import spec_json_schema

PASSWORD = "s3cret-pass"


def create_user(username: str, role: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "airflow",
            "users",
            "create",
            "--username",
            username,
            "--password",
            PASSWORD,
            "--role",
            role,
            "--firstname",
            username,
            "--lastname",
            "Test",
            "--email",
            f"{username}@example.com",
        ],
        check=True,
        capture_output=True,
        env=os.environ.copy(),
    )


@pytest.fixture(scope="module")
def client(airflow_db):
    create_user("viewer1", "Viewer")
    create_user("admin1", "Admin")
    from airflow.api_fastapi.app import create_app
    from fastapi.testclient import TestClient

    with TestClient(create_app(), base_url="http://localhost") as test_client:
        yield test_client


def sign_in(client, username: str) -> str:
    response = client.post("/auth/token", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return response.json()["access_token"]


@pytest.fixture(scope="module")
def token(client) -> str:
    return sign_in(client, "viewer1")


def test_plugin_is_registered_with_airflow_once(client):
    admin = sign_in(client, "admin1")
    response = client.get("/api/v2/plugins", headers={"Authorization": f"Bearer {admin}"})
    assert response.status_code == 200
    names = [plugin["name"] for plugin in response.json()["plugins"]]
    assert names.count("aggregator") == 1
    errors = client.get("/api/v2/plugins/importErrors", headers={"Authorization": f"Bearer {admin}"})
    assert errors.status_code == 200
    assert errors.json()["total_entries"] == 0, errors.json()


def test_health_answers_without_a_token(client):
    response = client.get("/aggregator/api/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_schema_needs_a_signed_in_user(client):
    assert client.get("/aggregator/api/schema").status_code == 401
    bad = client.get("/aggregator/api/schema", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code in (401, 403)


def test_schema_is_the_published_spec_schema(client, token):
    response = client.get("/aggregator/api/schema", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == spec_json_schema(default_registry())


def test_components_list_every_registered_type_with_its_form_schema(client, token):
    response = client.get("/aggregator/api/components", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    by_name = {item["name"]: item for item in response.json()}
    assert set(by_name) == set(default_registry().names())
    assert by_name["sink.file"]["has_output"] is False
    assert "path" in by_name["sink.file"]["config_schema"]["properties"]


def test_provider_is_known_to_airflow_with_its_config_section():
    from airflow.providers_manager import ProvidersManager

    providers = ProvidersManager().providers
    assert "airflow-aggregator" in providers
    from airflow.configuration import conf

    assert conf.get("aggregator", "staging_url") == ""
