"""``RestApiHook``: REST APIs through an ``aggregator_rest`` connection (base URL, auth, TLS)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from airflow.sdk import BaseHook

from providers.hooks.connection_errors import (
    ConnectionCheck,
    Endpoint,
    FailureReason,
    HttpStatusError,
    OAuthClientRefusedError,
    probe,
)

if TYPE_CHECKING:
    import requests

    from providers.http.auth import Authenticator
    from providers.http.options import HttpAuthOptions

CONN_TYPE = "aggregator_rest"
AUTH_TYPES = ("none", "basic", "bearer", "api_key", "oauth2_client_credentials")
DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class RestApiSettings:
    """The extras of an ``aggregator_rest`` connection, typed; the form declares the same names.

    :param auth_type: One of ``none``, ``basic``, ``bearer``, ``api_key``,
        ``oauth2_client_credentials``. Secrets are the connection's login and password.
    :param api_key_name: Header or query parameter carrying the API key.
    :param api_key_in: ``header`` or ``query``.
    :param token_url: OAuth2 token endpoint, absolute or relative to the base URL.
    :param scope: OAuth2 scope requested.
    :param test_path: Path requested by ``test_connection`` (empty: the base URL).
    :param timeout: Connect and read timeout in seconds.
    :param verify_ssl: Whether TLS certificates are verified.
    """

    auth_type: str = "none"
    api_key_name: str = "X-API-Key"
    api_key_in: str = "header"
    token_url: str | None = None
    scope: str | None = None
    test_path: str = ""
    timeout: float = DEFAULT_TIMEOUT
    verify_ssl: bool = True

    @classmethod
    def from_extras(cls, extras: dict[str, Any]) -> RestApiSettings:
        """Read the settings from a connection's ``extra_dejson``; blank values mean the default."""
        auth_type = str(extras.get("auth_type") or "none")
        if auth_type not in AUTH_TYPES:
            raise ValueError(f"auth_type {auth_type!r} is not one of {', '.join(AUTH_TYPES)}")
        api_key_in = str(extras.get("api_key_in") or "header")
        if api_key_in not in ("header", "query"):
            raise ValueError(f"api_key_in {api_key_in!r} is not 'header' or 'query'")
        return cls(
            auth_type=auth_type,
            api_key_name=str(extras.get("api_key_name") or "X-API-Key"),
            api_key_in=api_key_in,
            token_url=extras.get("token_url") or None,
            scope=extras.get("scope") or None,
            test_path=str(extras.get("test_path") or ""),
            timeout=float(extras.get("timeout") or DEFAULT_TIMEOUT),
            verify_ssl=_as_bool(extras.get("verify_ssl", True)),
        )

    def auth_options(self, spec_auth: HttpAuthOptions | None = None) -> HttpAuthOptions:
        """``source.http`` auth options: what the spec sets wins, the connection fills the rest."""
        from providers.http.options import HttpAuthOptions

        from_connection = {
            "type": self.auth_type,
            "api_key_name": self.api_key_name,
            "api_key_in": self.api_key_in,
            "token_url": self.token_url,
            "scope": self.scope,
        }
        explicit = spec_auth.model_dump(include=spec_auth.model_fields_set) if spec_auth else {}
        return HttpAuthOptions.model_validate({**from_connection, **explicit})


class RestApiHook(BaseHook):
    """Talks to a REST API described by an ``aggregator_rest`` connection.

    The host is the base URL (``https://api.example.com/v1``); login and password are the
    user and password, or the client id and secret (OAuth2), or the password alone is the
    bearer token or API key. Extras are read by :class:`RestApiSettings`.

    :param rest_conn_id: The Airflow connection id.
    """

    conn_name_attr = "rest_conn_id"
    default_conn_name = "rest_default"
    conn_type = CONN_TYPE
    hook_name = "REST API (Aggregator)"

    def __init__(self, rest_conn_id: str = default_conn_name, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rest_conn_id = rest_conn_id

    def settings(self) -> RestApiSettings:
        """The connection's typed extras."""
        return RestApiSettings.from_extras(self.get_connection(self.rest_conn_id).extra_dejson)

    def base_url(self) -> str:
        """The base URL, read exactly as ``source.http`` reads it (host, else ``http://``, port)."""
        from providers.http.client import base_url

        return base_url(self.get_connection(self.rest_conn_id))

    def authenticator(self) -> Authenticator:
        """Adds the connection's credentials to requests (tokens are cached per hook)."""
        from providers.http.auth import Authenticator

        settings = self.settings()
        conn = self.get_connection(self.rest_conn_id)
        return Authenticator(conn, settings.auth_options(), self.base_url(), settings.timeout)

    def get_conn(self) -> requests.Session:
        """A ``requests`` session honouring the connection's TLS verification setting."""
        import requests

        session = requests.Session()
        session.verify = self.settings().verify_ssl
        return session

    def request(self, method: str, path: str = "", **kwargs: Any) -> requests.Response:
        """Send one authenticated request to ``path`` under the base URL; no retries."""
        from urllib.parse import urljoin

        from providers.http.auth import TokenRequestError

        settings = self.settings()
        url = urljoin(self.base_url() + "/", path.lstrip("/")) if path else self.base_url()
        session = self.get_conn()
        headers = dict(kwargs.pop("headers", {}) or {})
        params = dict(kwargs.pop("params", {}) or {})
        try:
            auth = self.authenticator().apply(session, headers, params)
        except TokenRequestError as error:
            raise OAuthClientRefusedError(error.url, error.status, str(error)) from error
        kwargs.setdefault("timeout", settings.timeout)
        # Per request: requests lets REQUESTS_CA_BUNDLE override a session's verify=False.
        kwargs.setdefault("verify", settings.verify_ssl)
        return session.request(method, url, headers=headers, params=params, auth=auth, **kwargs)

    def test_connection(self) -> tuple[bool, str]:
        """GET the test path: ``(True, "HTTP 200 from <url>")`` or ``(False, <precise reason>)``."""
        return self.check().as_tuple()

    def check(self) -> ConnectionCheck:
        """GET the test path; an error status, a refused token or a network error is classified."""
        try:
            settings = self.settings()
        except ValueError as error:
            return ConnectionCheck(False, f"invalid connection settings: {error}", FailureReason.OTHER)

        def attempt() -> str:
            response = self.request("GET", settings.test_path)
            url = _without_query(response.url)
            if response.status_code >= 400:
                raise HttpStatusError(response.status_code, response.reason, url)
            return f"HTTP {response.status_code} from {url}"

        return probe(attempt, self.endpoint())

    def endpoint(self) -> Endpoint:
        """What the messages name: host and port of the base URL, the timeout, the login."""
        from urllib.parse import urlsplit

        conn = self.get_connection(self.rest_conn_id)
        try:
            parts = urlsplit(self.base_url())
            host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
            timeout = self.settings().timeout
        except Exception:
            host, port, timeout = conn.host or "", conn.port, None
        return Endpoint(host=host, port=port, timeout=timeout, user=conn.login)


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "off", "")
    return bool(value)


def _without_query(url: str) -> str:
    return url.split("?", 1)[0]
