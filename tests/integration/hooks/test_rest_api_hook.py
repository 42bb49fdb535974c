"""``RestApiHook.test_connection`` against live local endpoints, and ``source.http`` reading
through an ``aggregator_rest`` connection."""

from __future__ import annotations

import pytest
from rest_endpoints import (
    API_KEY,
    BEARER,
    CLIENT_ID,
    CLIENT_SECRET,
    PASSWORD,
    RECORDS,
    USER,
    SilentPort,
    closed_port,
)

from providers.hooks.rest_api import RestApiHook


def rest_conn(airflow_connection, host, **fields):
    return airflow_connection("hook_rest", conn_type="aggregator_rest", host=host, **fields)


def run_test(conn_id):
    return RestApiHook(rest_conn_id=conn_id).test_connection()


@pytest.mark.parametrize(
    ("path", "auth_type", "fields", "extra"),
    [
        ("/health", "none", {}, {}),
        ("/basic", "basic", {"login": USER, "password": PASSWORD}, {}),
        ("/bearer", "bearer", {"password": BEARER}, {}),
        ("/apikey", "api_key", {"password": API_KEY}, {}),
        ("/apikey", "api_key", {"password": API_KEY}, {"api_key_in": "query", "api_key_name": "api_key"}),
        (
            "/oauth/records",
            "oauth2_client_credentials",
            {"login": CLIENT_ID, "password": CLIENT_SECRET},
            {"token_url": "/oauth/token", "scope": "read"},
        ),
    ],
)
def test_each_auth_type_passes_with_the_right_credentials(
    airflow_connection, rest_api, path, auth_type, fields, extra
):
    extras = {"auth_type": auth_type, "test_path": path, **extra}
    ok, message = run_test(rest_conn(airflow_connection, rest_api.url, extra=extras, **fields))
    assert (ok, message) == (True, f"HTTP 200 from {rest_api.url}{path}")


@pytest.mark.parametrize(
    ("path", "auth_type", "status"),
    [
        ("/basic", "basic", "401 Unauthorized"),
        ("/bearer", "bearer", "401 Unauthorized"),
        ("/forbidden", "bearer", "403 Forbidden"),
    ],
)
def test_rejected_credentials_are_authentication_rejected_with_the_status(
    airflow_connection, rest_api, path, auth_type, status
):
    extras = {"auth_type": auth_type, "test_path": path}
    conn_id = rest_conn(airflow_connection, rest_api.url, login=USER, password="wrong", extra=extras)
    assert run_test(conn_id) == (False, f"authentication rejected: HTTP {status} from {rest_api.url}{path}")


def test_a_bad_oauth_client_is_refused_by_the_token_endpoint(airflow_connection, rest_api):
    extras = {
        "auth_type": "oauth2_client_credentials",
        "token_url": "/oauth/token",
        "test_path": "/oauth/records",
    }
    conn_id = rest_conn(airflow_connection, rest_api.url, login=CLIENT_ID, password="nope", extra=extras)
    assert run_test(conn_id) == (
        False,
        f"OAuth token endpoint refused the client: HTTP 401 from {rest_api.url}/oauth/token",
    )


def test_an_unresolvable_host_is_dns_name_not_found(airflow_connection):
    conn_id = rest_conn(airflow_connection, "http://nonexistent.invalid/api")
    assert run_test(conn_id) == (False, "DNS name not found: nonexistent.invalid")


def test_a_closed_port_is_connection_refused(airflow_connection):
    port = closed_port()
    conn_id = rest_conn(airflow_connection, f"http://127.0.0.1:{port}")
    assert run_test(conn_id) == (False, f"connection refused (127.0.0.1:{port})")


def test_a_silent_server_times_out_after_the_configured_timeout(airflow_connection):
    with SilentPort() as silent:
        conn_id = rest_conn(airflow_connection, f"http://127.0.0.1:{silent.port}", extra={"timeout": 0.5})
        result = run_test(conn_id)
    assert result == (False, f"timeout after 0.5 s connecting to 127.0.0.1:{silent.port}")


def test_an_untrusted_certificate_is_a_tls_error_unless_verification_is_off(airflow_connection, tls_api):
    ok, message = run_test(rest_conn(airflow_connection, tls_api.url, extra={"test_path": "/health"}))
    assert not ok
    assert message.startswith(f"TLS/certificate error talking to 127.0.0.1:{tls_api.port}: ")
    assert "CERTIFICATE_VERIFY_FAILED" in message
    unverified = {"test_path": "/health", "verify_ssl": False}
    assert run_test(rest_conn(airflow_connection, tls_api.url, extra=unverified))[0]


def test_source_http_reads_through_an_aggregator_rest_connection_with_its_auth(
    airflow_connection, rest_api, tmp_path
):
    """Auth type, token URL and scope come from the connection when the spec does not set them."""
    from providers.components.http_source import COMPONENT
    from providers.execution.node_run import NodeRun

    extras = {"auth_type": "oauth2_client_credentials", "token_url": "/oauth/token", "timeout": 5}
    rest_conn(airflow_connection, rest_api.url, login=CLIENT_ID, password=CLIENT_SECRET, extra=extras)
    config = COMPONENT.config_model.model_validate({"conn_id": "hook_rest", "path": "oauth/records"})
    run = NodeRun(node_id="records", dag_id="d", run_id="r", spec_folder=tmp_path)
    table = COMPONENT.load_executor()(run, config, []).read_all()
    assert table.to_pylist() == RECORDS


def test_spec_auth_options_win_over_the_connection(airflow_connection, rest_api, tmp_path):
    from providers.components.http_source import HttpSourceConfig, with_rest_connection_settings
    from providers.hooks.rest_api import RestApiHook

    extras = {"auth_type": "bearer", "api_key_name": "X-Key", "timeout": 7}
    conn_id = rest_conn(airflow_connection, rest_api.url, extra=extras)
    conn = RestApiHook.get_connection(conn_id)
    config = HttpSourceConfig.model_validate({"conn_id": conn_id, "auth": {"type": "api_key"}})
    resolved = with_rest_connection_settings(config, conn)
    assert (resolved.auth.type, resolved.auth.api_key_name, resolved.timeout_seconds) == (
        "api_key",
        "X-Key",
        7,
    )
    explicit = HttpSourceConfig.model_validate({"conn_id": conn_id, "timeout_seconds": 3})
    assert with_rest_connection_settings(explicit, conn).timeout_seconds == 3
