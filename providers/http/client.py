"""HTTP session with timeouts, pacing, and retries with backoff honouring ``Retry-After``."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from providers.http.auth import Authenticator
from providers.http.backoff import RetryAfterTooLongError, backoff_seconds
from providers.http.options import HttpRetryOptions
from providers.http.pagination import PageRequest
from providers.http.rate_limit import RateLimiter

if TYPE_CHECKING:
    import requests


class HttpRequestError(RuntimeError):
    """A request failed for good; the message names the URL (without secrets) and the cause."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def base_url(conn: Any) -> str:
    """``schema://host:port`` of an ``http`` connection (``host`` may hold a full URL)."""
    host = (conn.host or "").strip()
    if not host:
        raise HttpRequestError(f"connection '{conn.conn_id}' has no host")
    if "://" not in host:
        host = f"{conn.schema or 'http'}://{host}"
    if conn.port:
        parts = urlsplit(host)
        if parts.port is None:
            host = urlunsplit(parts._replace(netloc=f"{parts.hostname}:{conn.port}"))
    return host.rstrip("/")


def display_url(url: str, params: dict[str, Any], hidden: set[str]) -> str:
    """The URL with its query, without user info and with secret parameters masked."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    shown = {key: ("***" if key in hidden else value) for key, value in params.items()}
    query = "&".join(part for part in (parts.query, urlencode(shown, doseq=True)) if part)
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


class HttpClient:
    """Sends requests; retries connection errors, timeouts and ``retry_on`` statuses."""

    def __init__(
        self,
        auth: Authenticator,
        retries: HttpRetryOptions,
        limiter: RateLimiter,
        timeout: float,
        headers: dict[str, str] | None = None,
        log: Any = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import requests

        self.session = requests.Session()
        self.auth = auth
        self.retries = retries
        self.limiter = limiter
        self.timeout = timeout
        self.headers = dict(headers or {})
        self.log = log or logging.getLogger(__name__)
        self.sleep = sleep
        self.requests_sent = 0
        self.retried = 0

    def close(self) -> None:
        """Release pooled connections."""
        self.session.close()

    def send(self, method: str, request: PageRequest) -> requests.Response:
        """One successful response for ``request``, after retries.

        :raises HttpRequestError: a non-retryable status, or retries exhausted.
        """
        import requests

        shown = display_url(request.url, request.params, self.auth.secret_params)
        attempts = self.retries.max_attempts
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            headers = {"Accept": "application/json", **self.headers}
            params = dict(request.params)
            retry_after: str | None = None
            try:
                auth = self.auth.apply(self.session, headers, params)
                self.limiter.wait()
                self.requests_sent += 1
                response = self.session.request(
                    method,
                    request.url,
                    params=params,
                    json=request.json_body,
                    headers=headers,
                    auth=auth,
                    timeout=self.timeout,
                    # requests lets REQUESTS_CA_BUNDLE override a session's verify=False; pass it per call
                    verify=self.session.verify,
                )
            except requests.Timeout:
                cause = f"no response within {self.timeout:g}s"
            except requests.ConnectionError as error:
                cause = f"cannot connect ({_reason(error)})"
            else:
                status = response.status_code
                if status < 400:
                    return response
                if status == 401 and self.auth.can_refresh() and not refreshed:
                    refreshed = True
                    self.auth.invalidate()
                    attempt -= 1
                    continue
                if status in (401, 403):
                    raise HttpRequestError(
                        f"{method} {shown} failed: HTTP {status} {response.reason}; check the credentials "
                        f"of connection '{self.auth.conn_label}' and auth.type '{self.auth.options.type}'",
                        status,
                    )
                cause = f"HTTP {status} {response.reason}"
                if status not in self.retries.retry_on:
                    snippet = response.text[:200].strip()
                    raise HttpRequestError(f"{method} {shown} failed: {cause}: {snippet}", status)
                retry_after = response.headers.get("Retry-After")
            if attempt >= attempts:
                raise HttpRequestError(f"{method} {shown} failed after {attempts} attempts: {cause}")
            try:
                wait = backoff_seconds(
                    attempt, self.retries.backoff_seconds, self.retries.max_backoff_seconds, retry_after
                )
            except RetryAfterTooLongError as error:
                raise HttpRequestError(f"{method} {shown} failed: {cause}; {error}") from None
            self.retried += 1
            self.log.warning("%s %s: %s; retry %d/%d in %.1fs", method, shown, cause, attempt, attempts, wait)
            self.sleep(wait)


def _reason(error: Exception) -> str:
    text = str(error)
    for marker in ("Connection refused", "Name or service not known", "timed out", "No route to host"):
        if marker in text:
            return marker
    return type(error).__name__
