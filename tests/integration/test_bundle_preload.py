"""Airflow's UI page, served by its real API server app, loads the plugin's bundle on the Pipelines page."""

import pytest

from ui_plugin.bundle_preload import BUNDLE_TAG, with_bundle_tag

AIRFLOW_MODULE = b'<script type="module"'


@pytest.fixture(scope="module")
def client(airflow_db):
    from airflow.api_fastapi.app import create_app
    from fastapi.testclient import TestClient

    with TestClient(create_app(), base_url="http://localhost") as test_client:
        yield test_client


@pytest.mark.parametrize(
    "path", ["/plugin/pipelines", "/plugin/pipelines/", "/plugin/pipelines/orders_daily"]
)
def test_pipelines_page_loads_the_bundle_after_airflows_own_module(client, path):
    response = client.get(path, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    page = response.content
    assert page.count(BUNDLE_TAG) == 1
    # Deferred scripts run in document order: Airflow's module (which publishes React and
    # Chakra) first, then the bundle, which reads them.
    assert page.index(AIRFLOW_MODULE) < page.index(BUNDLE_TAG) < page.index(b"</head>")
    assert int(response.headers["content-length"]) == len(page)


@pytest.mark.parametrize(
    "path", ["/", "/dags", "/dags/orders/plugin/pipeline", "/plugin/pipelinesx", "/plugin/other"]
)
def test_other_pages_of_airflow_are_served_as_they_are(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert AIRFLOW_MODULE in response.content
    assert BUNDLE_TAG not in response.content


def test_a_compressed_page_still_carries_the_bundle(client):
    # Airflow's compression wraps the changed page: the bytes sent decode to it.
    response = client.get("/plugin/pipelines/orders_daily", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.content.count(BUNDLE_TAG) == 1


def test_api_answers_under_the_page_path_prefix_are_not_touched(client):
    response = client.get("/aggregator/api/health")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


def test_tag_goes_in_once_and_only_into_a_head():
    page = b"<html><head><title>x</title></head><body></body></html>"
    tagged = with_bundle_tag(page)
    assert tagged == page.replace(b"</head>", BUNDLE_TAG + b"\n</head>")
    assert with_bundle_tag(tagged) == tagged
    assert with_bundle_tag(b"<p>no head</p>") == b"<p>no head</p>"


def test_under_a_sub_path_the_page_is_found_below_the_root_path():
    from ui_plugin.bundle_preload import is_pipelines_page

    def scope(path: str, root: str = "/airflow") -> dict[str, object]:
        return {"type": "http", "method": "GET", "path": path, "root_path": root}

    assert is_pipelines_page(scope("/airflow/plugin/pipelines/p1"))
    assert is_pipelines_page(scope("/plugin/pipelines/p1"))  # a proxy that strips the prefix
    assert not is_pipelines_page(scope("/airflowx/plugin/pipelines/p1"))
    assert not is_pipelines_page(scope("/airflow/dags"))
    assert not is_pipelines_page({**scope("/airflow/plugin/pipelines"), "method": "POST"})
