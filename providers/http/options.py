"""Config models of ``source.http`` sub-sections; light, imported at every DAG parse."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from dag_factory.registry.config_fields import ComponentConfig

ParamLocation = Literal["query", "body"]


class HttpPaginationOptions(ComponentConfig):
    """How the next page is requested; type picks the style."""

    type: Literal["none", "page", "offset", "cursor", "link_header", "next_url"] = Field(
        default="none", description="Pagination style."
    )
    page_param: str = Field(default="page", description="Page number parameter (type page).")
    start_page: int = Field(default=1, ge=0, description="First page number (type page).")
    offset_param: str = Field(default="offset", description="Offset parameter (type offset).")
    size_param: str | None = Field(
        default=None, description="Page size parameter (e.g. limit, per_page), sent with page_size."
    )
    page_size: int | None = Field(
        default=None, ge=1, description="Records per page; a shorter page is the last one."
    )
    cursor_param: str = Field(default="cursor", description="Parameter carrying the token (type cursor).")
    cursor_path: str = Field(
        default="next_cursor", description="Path of the next token in the body (type cursor)."
    )
    next_url_path: str = Field(
        default="next", description="Path of the next URL in the body (type next_url)."
    )
    location: ParamLocation = Field(
        default="query", description="Send page/offset/cursor parameters in the query or the JSON body."
    )

    @model_validator(mode="after")
    def _size_needs_param(self) -> HttpPaginationOptions:
        if self.type == "offset" and not self.page_size:
            raise ValueError("offset pagination needs page_size")
        return self


class HttpAuthOptions(ComponentConfig):
    """How requests authenticate; secrets come from the connection, fields name its extras."""

    type: Literal["none", "basic", "bearer", "api_key", "oauth2_client_credentials"] = Field(
        default="none", description="Authentication scheme."
    )
    token_field: str = Field(
        default="token", description="Extra holding the bearer token (else the connection password)."
    )
    api_key_field: str = Field(
        default="api_key", description="Extra holding the API key (else the connection password)."
    )
    api_key_name: str = Field(default="X-API-Key", description="Header or query parameter name of the key.")
    api_key_in: Literal["header", "query"] = Field(default="header", description="Where the API key goes.")
    token_url: str | None = Field(
        default=None,
        description="OAuth2 token endpoint, absolute or relative to the base URL; else extra token_url.",
    )
    client_id_field: str = Field(
        default="client_id", description="Extra holding the OAuth2 client id (else the login)."
    )
    client_secret_field: str = Field(
        default="client_secret", description="Extra holding the OAuth2 client secret (else the password)."
    )
    scope: str | None = Field(default=None, description="OAuth2 scope requested.")
    client_auth_in: Literal["header", "body"] = Field(
        default="header", description="Send OAuth2 client credentials as basic auth or in the form body."
    )


class HttpRateLimitOptions(ComponentConfig):
    """Client-side request pacing."""

    requests_per_second: float | None = Field(
        default=None, gt=0, description="At most this many requests per second; null means no limit."
    )


class HttpRetryOptions(ComponentConfig):
    """Retries of failed requests (connection errors, timeouts and retryable statuses)."""

    max_attempts: int = Field(default=5, ge=1, le=100, description="Attempts per request, first included.")
    backoff_seconds: float = Field(default=1.0, ge=0, description="First wait; doubles at each attempt.")
    max_backoff_seconds: float = Field(
        default=60.0, ge=0, description="Longest wait; a longer Retry-After fails the request."
    )
    retry_on: list[int] = Field(
        default_factory=lambda: [429, 500, 502, 503, 504], description="HTTP statuses that are retried."
    )


class HttpIncrementalOptions(ComponentConfig):
    """Ask only for records after the watermark of the previous successful run."""

    param: str = Field(min_length=1, description="Request parameter receiving the watermark.")
    cursor_field: str = Field(
        min_length=1, description="Record field (after flattening) whose maximum is the new watermark."
    )
    initial_value: str | int | float | None = Field(
        default=None, description="Watermark of the first run; null sends no parameter."
    )
    location: ParamLocation = Field(default="query", description="Send the watermark in the query or body.")
