"""Request authentication from an Airflow ``http`` connection; secrets never come from the spec."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from providers.http.options import HttpAuthOptions

if TYPE_CHECKING:
    import requests


class AuthError(RuntimeError):
    """Credentials are missing from the connection, or a token could not be obtained."""


class TokenRequestError(AuthError):
    """The OAuth2 token endpoint answered but issued no token (an error status, or no token).

    :param url: The token endpoint.
    :param status: The HTTP status, or None when the body had no token.
    """

    def __init__(self, message: str, url: str, status: int | None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class Authenticator:
    """Adds credentials to each request; OAuth2 tokens are fetched, cached and refreshed."""

    def __init__(self, conn: Any, options: HttpAuthOptions, base_url: str, timeout: float) -> None:
        self.conn = conn
        self.options = options
        self.base_url = base_url
        self.timeout = timeout
        self.extras: dict[str, Any] = conn.extra_dejson if conn is not None else {}
        self.verify_tls = _verify_tls(conn)
        self._token: str | None = None
        self._token_expires = 0.0
        self.tokens_fetched = 0

    @property
    def secret_params(self) -> set[str]:
        """Query parameters that carry secrets (left out of messages)."""
        if self.options.type == "api_key" and self.options.api_key_in == "query":
            return {self.options.api_key_name}
        return set()

    def apply(self, session: requests.Session, headers: dict[str, str], params: dict[str, Any]) -> Any:
        """Put credentials into ``headers``/``params``; returns a ``requests`` auth object or None."""
        session.verify = self.verify_tls
        kind = self.options.type
        if kind == "none":
            return None
        if kind == "basic":
            login = self._conn_value("login")
            return (login, self.conn.password or "")
        if kind == "bearer":
            headers["Authorization"] = f"Bearer {self._secret(self.options.token_field)}"
        elif kind == "api_key":
            key = self._secret(self.options.api_key_field)
            if self.options.api_key_in == "header":
                headers[self.options.api_key_name] = key
            else:
                params[self.options.api_key_name] = key
        else:
            headers["Authorization"] = f"Bearer {self.oauth_token(session)}"
        return None

    def can_refresh(self) -> bool:
        """Whether a 401 may be cured by fetching a new token."""
        return self.options.type == "oauth2_client_credentials"

    def invalidate(self) -> None:
        """Forget the cached token (after a 401)."""
        self._token = None

    def oauth_token(self, session: requests.Session) -> str:
        """A valid access token, fetched with the client-credentials grant when needed."""
        if self._token and time.monotonic() < self._token_expires:
            return self._token
        import requests

        url = self.token_url()
        client_id = self.extras.get(self.options.client_id_field) or self._conn_value("login")
        secret = self.extras.get(self.options.client_secret_field) or self.conn.password
        if not secret:
            raise AuthError(
                f"connection '{self.conn_label}' has no OAuth2 client secret "
                f"(extra '{self.options.client_secret_field}' or password)"
            )
        data = {"grant_type": "client_credentials"}
        if self.options.scope:
            data["scope"] = self.options.scope
        auth = None
        if self.options.client_auth_in == "header":
            auth = (client_id, secret)
        else:
            data.update(client_id=client_id, client_secret=secret)
        try:
            response = session.post(url, data=data, auth=auth, timeout=self.timeout)
        except requests.RequestException as error:
            raise AuthError(f"OAuth2 token request to {url} failed: {type(error).__name__}") from None
        if response.status_code >= 400:
            raise TokenRequestError(
                f"OAuth2 token request to {url} failed: HTTP {response.status_code} {response.reason}; "
                f"check the client credentials of connection '{self.conn.conn_id}'",
                url,
                response.status_code,
            )
        try:
            payload = response.json()
            token = payload["access_token"]
        except (ValueError, KeyError, TypeError):
            message = f"OAuth2 token response of {url} has no access_token"
            raise TokenRequestError(message, url, None) from None
        lifetime = float(payload.get("expires_in") or 3600)
        self._token = str(token)
        self._token_expires = time.monotonic() + max(0.0, lifetime - 30)
        self.tokens_fetched += 1
        return self._token

    def token_url(self) -> str:
        """The OAuth2 token endpoint: the option, else the extra ``token_url``, joined to the base URL."""
        from urllib.parse import urljoin

        url = self.options.token_url or self.extras.get("token_url")
        if not url:
            raise AuthError(
                f"connection '{self.conn_label}' has no extra 'token_url' and auth.token_url is not set"
            )
        return urljoin(self.base_url.rstrip("/") + "/", str(url))

    def _secret(self, extra_field: str) -> str:
        value = self.extras.get(extra_field) or (self.conn.password if self.conn is not None else None)
        if not value:
            raise AuthError(
                f"connection '{self.conn_label}' has neither extra '{extra_field}' nor a password "
                f"for {self.options.type} auth"
            )
        return str(value)

    def _conn_value(self, name: str) -> str:
        value = getattr(self.conn, name, None) if self.conn is not None else None
        if not value:
            raise AuthError(f"connection '{self.conn_label}' has no {name} for {self.options.type} auth")
        return str(value)

    @property
    def conn_label(self) -> str:
        """The connection id, for messages."""
        return getattr(self.conn, "conn_id", None) or "?"


def _verify_tls(conn: Any) -> bool:
    """False only for an ``aggregator_rest`` connection whose extra ``verify_ssl`` is off."""
    if getattr(conn, "conn_type", None) != "aggregator_rest":
        return True
    from providers.hooks.rest_api import RestApiSettings

    return RestApiSettings.from_extras(conn.extra_dejson).verify_ssl
