"""``source.http`` against a live local API: pagination, auth, retries, rate limits, errors."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from api_server import API_KEY, BEARER, CLIENT_ID, CLIENT_SECRET, ITEMS, PASSWORD, USER

from providers.components.http_source import HttpSourceConfig
from providers.execution.node_run import NodeRun
from providers.http.stream import HttpSourceError, open_stream

IDS = [item["id"] for item in ITEMS]


def connection(api, **fields):
    from airflow.sdk import Connection

    extra = fields.pop("extra", None)
    return Connection(
        conn_id="api_conn",
        conn_type="http",
        host="127.0.0.1",
        port=api.port,
        extra=json.dumps(extra) if extra else None,
        **fields,
    )


def read(api, conn=None, **config):
    settings = {"conn_id": "api_conn", "retries": {"backoff_seconds": 0.01}, **config}
    run = NodeRun(node_id="api_node", dag_id="d", run_id="r", spec_folder=Path("."))
    table = open_stream(run, HttpSourceConfig.model_validate(settings), conn or connection(api)).read_all()
    return table, run


@pytest.mark.parametrize(
    ("path", "records", "pagination"),
    [
        ("items", "data.items", {"type": "page", "size_param": "per_page", "page_size": 3}),
        ("items", "$.data.items", {"type": "page"}),
        ("offset", "results", {"type": "offset", "size_param": "limit", "page_size": 2}),
        ("cursor", "items", {"type": "cursor", "cursor_path": "meta.next"}),
        ("link", None, {"type": "link_header"}),
        ("next", "items", {"type": "next_url", "next_url_path": "next"}),
        ("search", "hits", {"type": "page", "location": "body", "size_param": "size", "page_size": 3}),
    ],
)
def test_every_pagination_style_reads_all_records_once(api, path, records, pagination):
    method = "POST" if path == "search" else "GET"
    body = {"query": "all"} if method == "POST" else None
    table, run = read(api, path=path, records=records, pagination=pagination, method=method, json_body=body)
    assert table.column("id").to_pylist() == IDS
    assert run.metrics["http_records"] == len(ITEMS)


def test_nested_objects_are_flattened_or_kept_as_structs(api):
    flat, _ = read(api, path="items", records="data.items", pagination={"type": "page"})
    assert {"meta_score", "meta_tag"} <= set(flat.column_names)
    nested, _ = read(api, path="items", records="data.items", pagination={"type": "page"}, flatten=False)
    assert nested.column("meta").to_pylist()[0] == {"score": 10, "tag": "odd"}


def test_jsonl_bodies_give_one_record_per_line(api):
    table, _ = read(api, path="jsonl", format="jsonl")
    assert table.column("name").to_pylist() == [item["name"] for item in ITEMS]


@pytest.mark.parametrize(
    ("path", "auth", "fields"),
    [
        ("basic", {"type": "basic"}, {"login": USER, "password": PASSWORD}),
        ("bearer", {"type": "bearer"}, {"extra": {"token": BEARER}}),
        ("bearer", {"type": "bearer"}, {"password": BEARER}),
        ("apikey", {"type": "api_key"}, {"extra": {"api_key": API_KEY}}),
        (
            "apikey",
            {"type": "api_key", "api_key_in": "query", "api_key_name": "api_key"},
            {"password": API_KEY},
        ),
        (
            "oauth/data",
            {"type": "oauth2_client_credentials", "token_url": "/oauth/token"},
            {"login": CLIENT_ID, "password": CLIENT_SECRET},
        ),
        (
            "oauth/data",
            {"type": "oauth2_client_credentials", "client_auth_in": "body"},
            {"extra": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "token_url": "oauth/token"}},
        ),
    ],
)
def test_each_auth_scheme_takes_its_credentials_from_the_connection(api, path, auth, fields):
    table, _ = read(api, connection(api, **fields), path=path, records="items", auth=auth)
    assert table.num_rows == len(ITEMS)


def test_wrong_credentials_fail_naming_node_url_and_status_without_the_secret(api):
    conn = connection(api, extra={"api_key": "wrong-key"})
    auth = {"type": "api_key", "api_key_in": "query", "api_key_name": "api_key"}
    with pytest.raises(HttpSourceError) as failure:
        read(api, conn, path="apikey", records="items", auth=auth)
    message = str(failure.value)
    assert "node 'api_node'" in message
    assert f"GET {api.url}/apikey failed" in message
    assert "HTTP 401" in message and "api_conn" in message
    assert "wrong-key" not in message
    assert api.hits["/apikey"] == 1, "a 401 is not retried"


def test_oauth2_token_is_fetched_once_and_reused_across_pages(api):
    conn = connection(api, login=CLIENT_ID, password=CLIENT_SECRET, extra={"token_url": "/oauth/token"})
    read(api, conn, path="oauth/data", records="items", auth={"type": "oauth2_client_credentials"})
    assert api.tokens_issued == ["tok-1"]


def test_429_waits_as_long_as_retry_after_asks_then_succeeds(api):
    started = time.monotonic()
    table, run = read(api, path="limited", records="items")
    assert time.monotonic() - started >= 1.0
    assert table.num_rows == len(ITEMS)
    assert run.metrics["http_retries"] == 1


def test_retry_after_longer_than_max_backoff_fails_at_once(api):
    with pytest.raises(HttpSourceError, match=r"429.*retry after 1s, more than max_backoff_seconds=0.5"):
        read(api, path="limited", records="items", retries={"max_backoff_seconds": 0.5})


def test_server_errors_are_retried_with_backoff_until_success(api):
    table, run = read(api, path="flaky", records="items")
    assert table.num_rows == len(ITEMS)
    assert api.hits["/flaky"] == 3
    assert run.metrics["http_retries"] == 2


def test_a_server_failing_forever_fails_the_node_after_max_attempts(api):
    with pytest.raises(HttpSourceError) as failure:
        read(api, path="broken", retries={"max_attempts": 3, "backoff_seconds": 0})
    assert f"node 'api_node': page 1: GET {api.url}/broken failed after 3 attempts: HTTP 500" in str(
        failure.value
    )
    assert api.hits["/broken"] == 3


def test_an_unreachable_host_fails_naming_the_url(api):
    conn = connection(api)
    api.__exit__()
    with pytest.raises(
        HttpSourceError, match=r"node 'api_node': page 1: GET http://127.0.0.1:\d+/x failed after 2"
    ):
        read(api, conn, path="x", retries={"max_attempts": 2, "backoff_seconds": 0})


def test_requests_per_second_spaces_requests(api):
    started = time.monotonic()
    read(
        api,
        path="items",
        records="data.items",
        pagination={"type": "page"},
        rate_limit={"requests_per_second": 5},
    )
    assert api.hits["/items"] == 4
    assert time.monotonic() - started >= 3 / 5 - 0.05


def test_a_malformed_page_fails_naming_node_page_and_url(api):
    with pytest.raises(HttpSourceError) as failure:
        read(api, path="malformed", records="items", pagination={"type": "page"})
    assert f"node 'api_node': page 2 of {api.url}/malformed?page=2: malformed JSON body" in str(failure.value)


def test_a_later_page_with_a_conflicting_type_fails_naming_page_and_field(api):
    with pytest.raises(HttpSourceError, match=r"node 'api_node': page 2: field 'v' is string, but earlier"):
        read(api, path="conflict", records="items", pagination={"type": "page"})


def test_schema_pages_widens_types_and_adds_fields_seen_on_later_pages(api):
    with pytest.raises(HttpSourceError, match="page 2"):
        read(api, path="widen", records="items", pagination={"type": "page"})
    table, _ = read(api, path="widen", records="items", pagination={"type": "page"}, schema_pages=3)
    assert table.column("v").to_pylist() == [1.0, 2.5]
    assert table.column("extra").to_pylist() == [None, "x"]


def test_next_links_to_another_host_are_refused(api):
    with pytest.raises(HttpSourceError, match=r"elsewhere\.invalid.*refusing to send credentials"):
        read(api, path="elsewhere", records="items", pagination={"type": "next_url"})


def test_max_pages_fails_or_stops_as_configured(api):
    paging = {"type": "page", "size_param": "per_page", "page_size": 1}
    with pytest.raises(HttpSourceError, match="more than max_pages=2 pages"):
        read(api, path="items", records="data.items", pagination=paging, max_pages=2)
    table, run = read(
        api, path="items", records="data.items", pagination=paging, max_pages=2, on_max_pages="stop"
    )
    assert table.num_rows == 2 and run.metrics["http_max_pages_reached"]


def test_incremental_sends_the_initial_value_and_reports_the_new_watermark(api):
    incremental = {"param": "since", "cursor_field": "updated_at", "initial_value": "2026-01-05T00:00:00Z"}
    table, run = read(api, path="incremental", records="items", incremental=incremental)
    assert table.column("id").to_pylist() == [6, 7]
    assert api.requests[-1]["query"]["since"] == "2026-01-05T00:00:00Z"
    assert run.metrics["http_watermark"] == "2026-01-07T00:00:00Z"


def test_an_empty_response_gives_an_empty_table(api):
    table, _ = read(api, path="conflict", records="items", params={"page": 9})
    assert table.num_rows == 0
