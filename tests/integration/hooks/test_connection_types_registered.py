"""Airflow itself lists our connection types, with the form the connection UI renders."""

from __future__ import annotations


def test_providers_manager_lists_our_connection_types_and_hooks():
    from airflow.providers_manager import ProvidersManager

    manager = ProvidersManager()
    hooks = manager.hooks
    mysql, rest = hooks["aggregator_mysql"], hooks["aggregator_rest"]
    assert (mysql.hook_class_name, mysql.connection_id_attribute_name, mysql.package_name) == (
        "providers.hooks.mysql.MySqlDatabaseHook",
        "mysql_conn_id",
        "airflow-aggregator",
    )
    assert (rest.hook_class_name, rest.connection_id_attribute_name) == (
        "providers.hooks.rest_api.RestApiHook",
        "rest_conn_id",
    )
    assert mysql.connection_testable and rest.connection_testable


def test_the_connection_form_gets_our_fields_and_field_behaviour():
    """What the API serves to the UI's connection form (``/ui/connections/hook_meta``)."""
    from airflow.api_fastapi.core_api.services.ui.connections import HookMetaService

    meta = {item.connection_type: item for item in HookMetaService.hook_meta_data()}
    mysql, rest = meta["aggregator_mysql"], meta["aggregator_rest"]

    assert mysql.hook_name == "MySQL / MariaDB (Aggregator)"
    assert mysql.standard_fields.url_schema.title == "Database"
    assert mysql.standard_fields.port.placeholder == "3306"
    assert set(mysql.extra_fields) == {"charset", "ssl_mode", "ssl_ca", "connect_timeout"}
    ssl_mode = mysql.extra_fields["ssl_mode"]["schema"]
    assert ssl_mode["enum"] == ["disabled", "preferred", "required", "verify_ca", "verify_identity"]
    assert mysql.extra_fields["connect_timeout"]["value"] == 10

    assert rest.standard_fields.host.title == "Base URL"
    assert rest.standard_fields.url_schema.hidden and rest.standard_fields.port.hidden
    assert set(rest.extra_fields) == {
        "auth_type",
        "api_key_name",
        "api_key_in",
        "token_url",
        "scope",
        "test_path",
        "timeout",
        "verify_ssl",
    }
    auth_type = rest.extra_fields["auth_type"]
    assert auth_type["schema"]["title"] == "Auth type"
    assert auth_type["schema"]["enum"] == ["none", "basic", "bearer", "api_key", "oauth2_client_credentials"]
    assert rest.extra_fields["verify_ssl"]["value"] is True


def test_airflow_connection_test_runs_our_hook(monkeypatch, rest_api):
    """``Connection.test_connection()``, what Airflow's test button calls, reaches RestApiHook."""
    from airflow.models.connection import Connection

    conn = Connection(
        conn_id="ui_rest",
        conn_type="aggregator_rest",
        host=rest_api.url,
        extra='{"test_path": "/health"}',
    )
    monkeypatch.setenv("AIRFLOW_CONN_UI_REST", conn.as_json())
    assert conn.test_connection() == (True, f"HTTP 200 from {rest_api.url}/health")
