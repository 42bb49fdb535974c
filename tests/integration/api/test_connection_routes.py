"""Listing Airflow connections for a node type, and testing one, through Airflow's real API server."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pytest_plugins = ["api_fixtures"]

PG_PASSWORD = "pg-Secret-123"
PG_EXTRA_SECRET = "extra-Secret-456"
HTTP_LOGIN = "http-Login-Secret"
HTTP_PASSWORD = "http-Secret-789"
HTTP_EXTRA_SECRET = "token-Secret-abc"
ENV_PASSWORD = "env-Secret-000"
SECRETS = (PG_PASSWORD, PG_EXTRA_SECRET, HTTP_LOGIN, HTTP_PASSWORD, HTTP_EXTRA_SECRET, ENV_PASSWORD)

CONNECTIONS = (
    {
        "conn_id": "h4_pg_ok",
        "conn_type": "postgres",
        "host": "127.0.0.1",
        "port": 5432,
        "schema": "postgres",
        "login": "postgres",
        "password": PG_PASSWORD,
        "extra": json.dumps({"sslmode": "disable", "application_name": PG_EXTRA_SECRET}),
        "description": "Warehouse",
    },
    {
        "conn_id": "h4_pg_wrong_port",
        "conn_type": "postgres",
        "host": "127.0.0.1",
        "port": 1,
        "schema": "postgres",
        "login": "postgres",
        "password": PG_PASSWORD,
    },
    {
        "conn_id": "h4_api",
        "conn_type": "http",
        "host": "api.example.com",
        "login": HTTP_LOGIN,
        "password": HTTP_PASSWORD,
        "extra": json.dumps({"api_key": HTTP_EXTRA_SECRET}),
    },
    {"conn_id": "h4_rest", "conn_type": "aggregator_rest", "host": "https://rest.example.com"},
    {"conn_id": "h4_files", "conn_type": "fs", "extra": json.dumps({"path": "/data"})},
    # Shadowed by the environment variable of the same id, as Airflow resolves it.
    {"conn_id": "h4_env_pg", "conn_type": "http", "host": "shadowed.example.com"},
)


@pytest.fixture
def airflow_connections(api_client, monkeypatch) -> Iterator[None]:
    """Connections in Airflow's metadata database, and one in an ``AIRFLOW_CONN_*`` variable."""
    from airflow.models.connection import Connection
    from airflow.utils.session import create_session
    from sqlalchemy import delete

    with create_session() as session:
        session.add_all(Connection(**fields) for fields in CONNECTIONS)
    monkeypatch.setenv(
        "AIRFLOW_CONN_H4_ENV_PG", f"postgres://envuser:{ENV_PASSWORD}@db.example.com:5433/analytics"
    )
    yield
    with create_session() as session:
        session.execute(delete(Connection).where(Connection.conn_id.like("h4\\_%", escape="\\")))


@pytest.fixture
def testing_enabled() -> Iterator[None]:
    """Airflow's ``[core] test_connection`` set to Enabled for the test, then restored."""
    from airflow.configuration import conf

    before = conf.get("core", "test_connection")
    conf.set("core", "test_connection", "Enabled")
    yield
    conf.set("core", "test_connection", before)


def listed(response) -> dict[str, dict]:
    assert response.status_code == 200, response.text
    return {item["conn_id"]: item for item in response.json()["items"] if item["conn_id"].startswith("h4_")}


@pytest.mark.usefixtures("airflow_connections")
def test_a_sql_node_type_lists_only_connections_of_sql_types(as_role):
    response = as_role("Viewer").get("/connections", params={"node_type": "source.sql"})

    assert set(listed(response)) == {"h4_pg_ok", "h4_pg_wrong_port", "h4_env_pg"}
    assert response.json()["conn_types"] == ["aggregator_mysql", "mysql", "postgres", "sqlite"]
    assert listed(response)["h4_pg_ok"] == {
        "conn_id": "h4_pg_ok",
        "conn_type": "postgres",
        "host": "127.0.0.1",
        "port": 5432,
        "schema": "postgres",
        "description": "Warehouse",
        "source": "metadata_db",
    }


@pytest.mark.usefixtures("airflow_connections")
def test_an_http_source_lists_http_and_rest_connections(as_role):
    response = as_role("Viewer").get("/connections", params={"node_type": "source.http"})

    assert set(listed(response)) == {"h4_api", "h4_rest"}


@pytest.mark.usefixtures("airflow_connections")
def test_an_environment_variable_connection_wins_over_the_database_row_of_its_id(as_role):
    response = as_role("Viewer").get("/connections", params={"search": "env_pg"})

    assert response.json()["total"] == 1
    assert listed(response)["h4_env_pg"] == {
        "conn_id": "h4_env_pg",
        "conn_type": "postgres",
        "host": "db.example.com",
        "port": 5433,
        "schema": "analytics",
        "description": None,
        "source": "environment",
    }


@pytest.mark.usefixtures("airflow_connections")
def test_file_nodes_accept_connections_of_any_type(as_role):
    response = as_role("Viewer").get("/connections", params={"node_type": "source.file", "search": "h4_"})

    assert response.json()["conn_types"] is None
    assert set(listed(response)) == {conn["conn_id"] for conn in CONNECTIONS}


@pytest.mark.usefixtures("airflow_connections")
def test_a_node_type_without_connection_fields_lists_none(as_role):
    response = as_role("Viewer").get("/connections", params={"node_type": "transform.filter"})

    assert response.status_code == 200, response.text
    assert response.json()["items"] == []
    assert response.json()["conn_types"] == []


@pytest.mark.usefixtures("airflow_connections")
def test_search_matches_a_part_of_the_id_literally_and_pages_by_id(as_role):
    first = as_role("Viewer").get("/connections", params={"search": "H4_PG", "limit": 1})
    second = as_role("Viewer").get("/connections", params={"search": "H4_PG", "limit": 1, "offset": 1})
    wildcard = as_role("Viewer").get("/connections", params={"search": "h4%pg"})

    assert first.json()["total"] == 2
    assert [item["conn_id"] for item in first.json()["items"]] == ["h4_pg_ok"]
    assert [item["conn_id"] for item in second.json()["items"]] == ["h4_pg_wrong_port"]
    assert wildcard.json()["items"] == []


@pytest.mark.usefixtures("airflow_connections")
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"node_type": "source.sql"},
        {"node_type": "source.http"},
        {"node_type": "sink.file"},
        {"search": "h4"},
    ],
)
def test_no_login_password_or_extra_ever_appears(as_role, params):
    response = as_role("Admin").get("/connections", params=params)

    assert response.status_code == 200, response.text
    for secret in SECRETS:
        assert secret not in response.text
    for item in response.json()["items"]:
        assert not {"login", "password", "extra"} & set(item)


def test_an_unknown_node_type_is_refused_naming_the_field_and_a_close_name(as_role):
    response = as_role("Viewer").get("/connections", params={"node_type": "source.sqll"})

    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail["field"] == "node_type"
    assert "did you mean 'source.sql'" in detail["message"]


def test_a_search_text_too_long_is_refused_naming_the_field(as_role):
    response = as_role("Viewer").get("/connections", params={"search": "x" * 201})

    assert response.status_code == 422, response.text
    assert response.json()["detail"]["field"] == "search"


@pytest.mark.usefixtures("airflow_connections", "testing_enabled")
def test_a_reachable_postgresql_connection_tests_ok(as_role):
    response = as_role("User").post("/connections/h4_pg_ok/test")

    assert response.status_code == 200, response.text
    assert response.json()["status"] is True, response.text


@pytest.mark.usefixtures("airflow_connections", "testing_enabled")
def test_a_wrong_port_fails_with_a_message_and_no_secret(as_role):
    response = as_role("User").post("/connections/h4_pg_wrong_port/test")

    assert response.status_code == 200, response.text
    assert response.json()["status"] is False
    assert response.json()["message"]
    assert PG_PASSWORD not in response.text


@pytest.mark.usefixtures("airflow_connections")
def test_testing_is_refused_while_airflow_disables_it(as_role):
    from airflow.configuration import conf

    assert conf.get("core", "test_connection").lower() != "enabled"

    response = as_role("Admin").post("/connections/h4_pg_ok/test")

    assert response.status_code == 403, response.text
    detail = response.json()["detail"]
    assert detail["error"] == "test_connection_disabled"
    assert detail["setting"] == "[core] test_connection"


@pytest.mark.usefixtures("airflow_connections", "testing_enabled")
def test_testing_an_unknown_connection_is_not_found(as_role):
    response = as_role("User").post("/connections/h4_missing/test")

    assert response.status_code == 404, response.text
    assert response.json()["detail"]["field"] == "conn_id"


@pytest.mark.usefixtures("airflow_connections", "testing_enabled")
def test_a_viewer_may_list_but_not_test(as_role):
    assert as_role("Viewer").get("/connections").status_code == 200
    response = as_role("Viewer").post("/connections/h4_pg_ok/test")

    assert response.status_code == 403
    assert response.json()["detail"]["missing_permission"]["action"] == "can_edit"
