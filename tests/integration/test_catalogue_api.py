"""``GET /aggregator/api/catalogue`` inside Airflow's real API server app, with a FAB user."""

import pytest
from test_plugin_api import create_user, sign_in

from dag_factory.registry.catalog import default_registry
from dag_factory.registry.transform_catalogue import transform_catalogue


@pytest.fixture(scope="module")
def client(airflow_db):
    create_user("catalogue_viewer", "Viewer")
    from airflow.api_fastapi.app import create_app
    from fastapi.testclient import TestClient

    with TestClient(create_app(), base_url="http://localhost") as test_client:
        yield test_client


def test_catalogue_needs_a_signed_in_user(client):
    assert client.get("/aggregator/api/catalogue").status_code == 401
    bad = client.get("/aggregator/api/catalogue", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code in (401, 403)


def test_catalogue_lists_the_functions_and_transform_types_for_a_viewer(client):
    token = sign_in(client, "catalogue_viewer")
    response = client.get("/aggregator/api/catalogue", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert body == transform_catalogue(default_registry())
    assert {"json_extract", "hash64", "upper"} <= {f["name"] for f in body["functions"]}
    transforms = {t["name"]: t for t in body["transforms"]}
    assert transforms["transform.filter"]["group"] == "row-wise"
    assert "source.file" not in transforms
