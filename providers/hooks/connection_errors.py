"""Why a connection failed, in words a user can act on: one table mapping errors to reasons.

Every connection test (MySQL, PostgreSQL, SQLite, REST) sends its exception through
:func:`explain_failure`, so the same failure reads the same whatever the driver.
"""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class FailureReason(StrEnum):
    """The kinds of connection failure a test tells apart."""

    NOT_FOUND = "connection_not_found"
    NOT_TESTABLE = "no_test_for_connection_type"
    DNS = "dns_name_not_found"
    REFUSED = "connection_refused"
    TIMEOUT = "timeout"
    TLS = "tls_error"
    AUTH = "authentication_rejected"
    UNKNOWN_DATABASE = "unknown_database"
    OAUTH_CLIENT = "oauth_client_refused"
    HTTP_STATUS = "http_error_status"
    OTHER = "other"


@dataclass(frozen=True)
class Endpoint:
    """What was being reached, for the message.

    :param host: Host name, base URL or file path.
    :param port: TCP port, if any.
    :param timeout: Connect timeout in seconds, if any.
    :param database: Database (schema) name or file, if any.
    :param user: Login, if any.
    """

    host: str = ""
    port: int | None = None
    timeout: float | None = None
    database: str | None = None
    user: str | None = None

    @property
    def address(self) -> str:
        """``host:port``, or the host alone."""
        return f"{self.host}:{self.port}" if self.port else self.host


@dataclass(frozen=True)
class ConnectionFailure:
    """A classified failure: its reason and a message naming the endpoint."""

    reason: FailureReason
    message: str


@dataclass(frozen=True)
class ConnectionCheck:
    """The outcome of a connection test.

    :param ok: Whether the system answered and accepted the credentials.
    :param reason: What was reached, or why it failed, in words a user can act on.
    :param failure: The failure's kind (None when ``ok``).
    """

    ok: bool
    reason: str
    failure: FailureReason | None = None

    @classmethod
    def failed(cls, failure: ConnectionFailure) -> ConnectionCheck:
        """A failed check from a classified failure."""
        return cls(False, failure.message, failure.reason)

    def as_tuple(self) -> tuple[bool, str]:
        """``(status, message)``, what Airflow's ``test_connection()`` returns."""
        return self.ok, self.reason


def probe(attempt: Callable[[], str], endpoint: Endpoint) -> ConnectionCheck:
    """Run ``attempt`` (which returns what it reached); classify whatever it raises."""
    try:
        return ConnectionCheck(True, attempt())
    except Exception as error:
        return ConnectionCheck.failed(explain_failure(error, endpoint))


class HttpStatusError(Exception):
    """A REST endpoint answered with an error status."""

    def __init__(self, status: int, reason: str, url: str) -> None:
        super().__init__(f"HTTP {status} {reason} from {url}")
        self.status = status
        self.reason = reason
        self.url = url


class OAuthClientRefusedError(Exception):
    """The OAuth2 token endpoint did not issue a token to the client."""

    def __init__(self, url: str, status: int | None, detail: str) -> None:
        super().__init__(detail)
        self.url = url
        self.status = status


@dataclass(frozen=True)
class _Rule:
    reason: FailureReason
    types: tuple[type[BaseException], ...]
    pattern: re.Pattern[str] | None
    message: Callable[[Endpoint, BaseException], str]


def _re(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _oauth_message(endpoint: Endpoint, error: BaseException) -> str:
    status = getattr(error, "status", None)
    answer = f"HTTP {status}" if status else str(error)
    return f"OAuth token endpoint refused the client: {answer} from {getattr(error, 'url', endpoint.host)}"


def _auth_message(endpoint: Endpoint, error: BaseException) -> str:
    if isinstance(error, HttpStatusError):
        return f"authentication rejected: HTTP {error.status} {error.reason} from {error.url}"
    return f"authentication rejected: access denied for user '{endpoint.user or ''}' at {endpoint.address}"


def _timeout_message(endpoint: Endpoint, error: BaseException) -> str:
    after = f" after {endpoint.timeout:g} s" if endpoint.timeout else ""
    return f"timeout{after} connecting to {endpoint.address}"


# Order matters: the first rule that matches any exception in the chain wins. Driver
# messages are matched as text because PyMySQL and psycopg wrap the socket error.
_RULES: tuple[_Rule, ...] = (
    _Rule(FailureReason.OAUTH_CLIENT, (OAuthClientRefusedError,), None, _oauth_message),
    _Rule(
        FailureReason.TLS,
        (ssl.SSLError, ssl.CertificateError),
        _re(r"CERTIFICATE_VERIFY_FAILED", r"\bSSL\b.*(error|fail)", r"certificate verify"),
        lambda e, error: f"TLS/certificate error talking to {e.address}: {_first_line(error)}",
    ),
    _Rule(
        FailureReason.DNS,
        (socket.gaierror,),
        _re(
            r"Name or service not known",
            r"nodename nor servname",
            r"Temporary failure in name resolution",
            r"No address associated with hostname",
            r"could not translate host name",
            r"failed to resolve host",
            r"Unknown (MySQL|MariaDB) server host",
            r"NameResolutionError",
            r"getaddrinfo failed",
        ),
        lambda e, error: f"DNS name not found: {_bare_host(e.host)}",
    ),
    _Rule(
        FailureReason.TIMEOUT,
        (TimeoutError, socket.timeout),
        _re(r"timed out", r"timeout expired", r"ConnectTimeout", r"ReadTimeout"),
        _timeout_message,
    ),
    _Rule(
        FailureReason.REFUSED,
        (ConnectionRefusedError,),
        _re(r"Connection refused", r"Errno 111\b", r"actively refused"),
        lambda e, error: f"connection refused ({e.address})",
    ),
    _Rule(
        FailureReason.UNKNOWN_DATABASE,
        (),
        _re(r"Unknown database", r"database \".*\" does not exist", r"unable to open database file"),
        lambda e, error: f"unknown database '{e.database or ''}'",
    ),
    _Rule(
        FailureReason.AUTH,
        (),
        _re(
            r"Access denied for user",
            r"password authentication failed",
            r"role \".*\" does not exist",
            r"no password supplied",
            r"authentication failed",
        ),
        _auth_message,
    ),
)


def explain_failure(error: BaseException, endpoint: Endpoint) -> ConnectionFailure:
    """Classify ``error`` (and the errors it wraps) into a reason and a precise message."""
    if isinstance(error, HttpStatusError):
        if error.status in (401, 403):
            return ConnectionFailure(FailureReason.AUTH, _auth_message(endpoint, error))
        return ConnectionFailure(FailureReason.HTTP_STATUS, str(error))
    chain = list(_error_chain(error))
    for rule in _RULES:
        for link in chain:
            if isinstance(link, rule.types) or (rule.pattern and rule.pattern.search(str(link))):
                return ConnectionFailure(rule.reason, rule.message(endpoint, link))
    return ConnectionFailure(FailureReason.OTHER, f"{type(error).__name__}: {_first_line(error)}")


def not_found(conn_id: str) -> ConnectionFailure:
    """The failure of a connection id that no secrets backend knows."""
    return ConnectionFailure(FailureReason.NOT_FOUND, f"Airflow has no connection '{conn_id}'")


def _error_chain(error: BaseException) -> Iterator[BaseException]:
    """The error, its causes and contexts, and errors carried in args (urllib3 wraps them)."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [link for link in (current.__cause__, current.__context__) if link is not None]
        pending += [arg for arg in current.args if isinstance(arg, BaseException)]
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            pending.append(reason)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _bare_host(host: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(host).hostname or host) if "://" in host else host
