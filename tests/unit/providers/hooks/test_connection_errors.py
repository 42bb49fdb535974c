"""The one table mapping driver and network errors to reasons, case by case."""

from __future__ import annotations

import socket
import ssl

import pymysql
import pytest
import requests

from providers.hooks.connection_errors import (
    Endpoint,
    FailureReason,
    HttpStatusError,
    OAuthClientRefusedError,
    explain_failure,
)

DB = Endpoint(host="db.example", port=3306, timeout=5, database="shop", user="etl")


def wrapped(outer: Exception, inner: BaseException) -> Exception:
    try:
        try:
            raise inner
        except BaseException as error:
            raise outer from error
    except Exception as error:
        return error


@pytest.mark.parametrize(
    ("error", "reason", "message"),
    [
        (
            socket.gaierror(-2, "Name or service not known"),
            FailureReason.DNS,
            "DNS name not found: db.example",
        ),
        (
            pymysql.OperationalError(
                2003, "Can't connect to MySQL server on 'db.example' ([Errno -2] Name or service not known)"
            ),
            FailureReason.DNS,
            "DNS name not found: db.example",
        ),
        (
            ConnectionRefusedError(111, "Connection refused"),
            FailureReason.REFUSED,
            "connection refused (db.example:3306)",
        ),
        (
            Exception(
                'connection failed: connection to server at "10.0.0.1", port 3306 failed: Connection refused'
            ),
            FailureReason.REFUSED,
            "connection refused (db.example:3306)",
        ),
        (TimeoutError("timed out"), FailureReason.TIMEOUT, "timeout after 5 s connecting to db.example:3306"),
        (
            pymysql.OperationalError(1045, "Access denied for user 'etl'@'10.0.0.2' (using password: YES)"),
            FailureReason.AUTH,
            "authentication rejected: access denied for user 'etl' at db.example:3306",
        ),
        (
            Exception('FATAL:  password authentication failed for user "etl"'),
            FailureReason.AUTH,
            "authentication rejected: access denied for user 'etl' at db.example:3306",
        ),
        (
            pymysql.OperationalError(1049, "Unknown database 'shop'"),
            FailureReason.UNKNOWN_DATABASE,
            "unknown database 'shop'",
        ),
        (
            Exception('FATAL:  database "shop" does not exist'),
            FailureReason.UNKNOWN_DATABASE,
            "unknown database 'shop'",
        ),
        (
            ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
            FailureReason.TLS,
            "TLS/certificate error talking to db.example:3306: "
            "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed",
        ),
        (ValueError("something else\nsecond line"), FailureReason.OTHER, "ValueError: something else"),
    ],
)
def test_each_error_maps_to_its_reason(error, reason, message):
    failure = explain_failure(error, DB)
    assert (failure.reason, failure.message) == (reason, message)


def test_the_cause_chain_is_searched_so_wrapped_errors_keep_their_reason():
    error = wrapped(RuntimeError("could not open the connection"), ConnectionRefusedError(111, "refused"))
    assert explain_failure(error, DB).reason is FailureReason.REFUSED


def test_requests_errors_are_unwrapped_to_the_socket_error():
    error = requests.ConnectionError(
        "HTTPConnectionPool(host='api.example', port=80): Max retries exceeded "
        "(Caused by NameResolutionError(\"Failed to resolve 'api.example'\"))"
    )
    failure = explain_failure(error, Endpoint(host="api.example", port=80))
    assert (failure.reason, failure.message) == (FailureReason.DNS, "DNS name not found: api.example")


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (401, FailureReason.AUTH),
        (403, FailureReason.AUTH),
        (404, FailureReason.HTTP_STATUS),
        (500, FailureReason.HTTP_STATUS),
    ],
)
def test_http_statuses(status, reason):
    failure = explain_failure(HttpStatusError(status, "Why", "https://api.example/health"), Endpoint())
    assert failure.reason is reason
    assert f"HTTP {status} Why from https://api.example/health" in failure.message


def test_a_refused_oauth_client_names_the_token_endpoint_and_status():
    error = OAuthClientRefusedError("https://auth.example/token", 400, "invalid_client")
    failure = explain_failure(error, Endpoint(host="api.example"))
    assert (
        failure.message == "OAuth token endpoint refused the client: HTTP 400 from https://auth.example/token"
    )
