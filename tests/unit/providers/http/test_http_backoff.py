"""Retry waits, Retry-After parsing, rate limiting and URLs shown in messages."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from providers.http.backoff import RetryAfterTooLongError, backoff_seconds, parse_retry_after
from providers.http.client import HttpRequestError, base_url, display_url
from providers.http.rate_limit import RateLimiter

NOW = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, None),
        ("", None),
        ("7", 7.0),
        ("Thu, 01 Jan 2026 12:00:30 GMT", 30.0),
        ("Thu, 01 Jan 2026 11:00:00 GMT", 0.0),
        ("soon", None),
    ],
)
def test_retry_after_is_read_as_seconds_or_http_date(value, seconds):
    assert parse_retry_after(value, NOW) == seconds


@pytest.mark.parametrize(
    ("attempt", "base", "maximum", "retry_after", "wait"),
    [
        (1, 1.0, 60.0, None, 1.0),
        (2, 1.0, 60.0, None, 2.0),
        (4, 0.5, 60.0, None, 4.0),
        (10, 1.0, 60.0, None, 60.0),
        (1, 1.0, 60.0, "5", 5.0),
        (3, 1.0, 60.0, "0", 0.0),
        (1, 0.0, 0.0, None, 0.0),
    ],
)
def test_backoff_doubles_up_to_the_cap_and_retry_after_wins(attempt, base, maximum, retry_after, wait):
    assert backoff_seconds(attempt, base, maximum, retry_after, NOW) == wait


def test_a_retry_after_beyond_the_cap_is_refused():
    with pytest.raises(RetryAfterTooLongError, match="retry after 120s, more than max_backoff_seconds=60"):
        backoff_seconds(1, 1.0, 60.0, "120", NOW)


def test_rate_limiter_spaces_request_starts():
    clock = SimpleNamespace(now=100.0)
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds

    limiter = RateLimiter(4, clock=lambda: clock.now, sleep=sleep)
    for _ in range(3):
        limiter.wait()
    assert slept == [0.25, 0.25]
    clock.now += 10
    limiter.wait()
    assert slept == [0.25, 0.25]
    assert RateLimiter(None).delay() == 0.0


@pytest.mark.parametrize(
    ("host", "schema", "port", "url"),
    [
        ("api.example.com", "https", None, "https://api.example.com"),
        ("api.example.com", None, 8080, "http://api.example.com:8080"),
        ("https://api.example.com/v2/", None, None, "https://api.example.com/v2"),
        ("https://api.example.com/v2", None, 444, "https://api.example.com:444/v2"),
    ],
)
def test_base_url_comes_from_host_schema_and_port(host, schema, port, url):
    conn = SimpleNamespace(conn_id="c", host=host, schema=schema, port=port)
    assert base_url(conn) == url


def test_a_connection_without_host_is_refused():
    with pytest.raises(HttpRequestError, match="connection 'c' has no host"):
        base_url(SimpleNamespace(conn_id="c", host="", schema=None, port=None))


@pytest.mark.parametrize(
    ("url", "params", "shown"),
    [
        ("https://u:pw@h.com/a", {}, "https://h.com/a"),
        ("https://h.com/a?x=1", {"key": "s", "p": 2}, "https://h.com/a?x=1&key=%2A%2A%2A&p=2"),
    ],
)
def test_display_url_hides_user_info_and_secret_parameters(url, params, shown):
    assert display_url(url, params, {"key"}) == shown
