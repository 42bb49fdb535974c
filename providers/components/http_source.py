"""``source.http``: read records from an HTTP/REST API, page by page, as record batches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import ComponentConfig, ConnectionId
from providers.http.options import (
    HttpAuthOptions,
    HttpIncrementalOptions,
    HttpPaginationOptions,
    HttpRateLimitOptions,
    HttpRetryOptions,
)

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData

REST_CONN_TYPE = "aggregator_rest"
SECRET_HEADERS = {"authorization", "proxy-authorization", "cookie", "x-api-key"}


class HttpSourceConfig(ComponentConfig):
    """Settings of a ``source.http`` node; credentials live in the Airflow connection."""

    conn_id: ConnectionId("http", "aggregator_rest") = Field(  # type: ignore[valid-type]
        description=(
            "Airflow connection of type http (host, schema and port give the base URL) or "
            "aggregator_rest (host is the base URL; auth, timeout and TLS settings fill what the "
            "spec leaves unset)."
        )
    )
    path: str = Field(
        default="", description="Path under the base URL; Jinja templates like {{ ds }} are rendered per run."
    )
    method: Literal["GET", "POST"] = Field(default="GET", description="HTTP method.")
    params: dict[str, Any] = Field(default_factory=dict, description="Query parameters.")
    json_body: dict[str, Any] | list[Any] | None = Field(
        default=None, description="JSON body of POST requests."
    )
    headers: dict[str, str] = Field(
        default_factory=dict, description="Extra request headers; no secrets (use auth)."
    )
    format: Literal["json", "jsonl"] = Field(default="json", description="Response body format.")
    records: str | None = Field(
        default=None,
        description="Path of the records in each body, like data.items or results[*].rows; "
        "empty means the body itself (a list, or one object).",
    )
    flatten: bool = Field(
        default=True, description="Flatten nested objects into parent_child columns; false keeps structs."
    )
    flatten_separator: str = Field(default="_", min_length=1, description="Joins flattened names.")
    pagination: HttpPaginationOptions = Field(default_factory=HttpPaginationOptions)
    auth: HttpAuthOptions = Field(default_factory=HttpAuthOptions)
    rate_limit: HttpRateLimitOptions = Field(default_factory=HttpRateLimitOptions)
    retries: HttpRetryOptions = Field(default_factory=HttpRetryOptions)
    timeout_seconds: float = Field(default=30.0, gt=0, description="Connect and read timeout per request.")
    max_pages: int = Field(default=10_000, ge=1, description="Safety cap on the number of pages.")
    on_max_pages: Literal["fail", "stop"] = Field(
        default="fail", description="What happens when more pages remain after max_pages."
    )
    schema_pages: int = Field(
        default=1, ge=1, le=1000, description="Pages read before the column types are fixed."
    )
    incremental: HttpIncrementalOptions | None = Field(
        default=None, description="Send the watermark of the previous successful run as a parameter."
    )

    @field_validator("headers")
    @classmethod
    def _no_secret_headers(cls, headers: dict[str, str]) -> dict[str, str]:
        secret = [name for name in headers if name.lower() in SECRET_HEADERS]
        if secret:
            raise ValueError(f"header {secret[0]!r} carries credentials; configure auth and the connection")
        return headers


def read_http(run: NodeRun, config: HttpSourceConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream every page of the API; memory is bounded by ``schema_pages`` pages."""
    from airflow.sdk import Connection

    from providers.http.stream import HttpSourceError, open_stream

    try:
        conn = Connection.get(config.conn_id)
    except Exception as error:
        raise HttpSourceError(
            f"node '{run.node_id}': cannot get connection '{config.conn_id}': {error}"
        ) from None
    if conn.conn_type == REST_CONN_TYPE:
        config = with_rest_connection_settings(config, conn)
    elif conn.conn_type and conn.conn_type != "http":
        run.log.warning(
            "Connection '%s' is of type %s, not http or %s", config.conn_id, conn.conn_type, REST_CONN_TYPE
        )
    return open_stream(run, config, conn)


def with_rest_connection_settings(config: HttpSourceConfig, conn: Any) -> HttpSourceConfig:
    """Fill the auth options and timeout the spec leaves unset from an ``aggregator_rest`` connection."""
    from providers.hooks.rest_api import RestApiSettings

    settings = RestApiSettings.from_extras(conn.extra_dejson)
    update: dict[str, Any] = {"auth": settings.auth_options(config.auth)}
    if "timeout_seconds" not in config.model_fields_set:
        update["timeout_seconds"] = settings.timeout
    return config.model_copy(update=update)


COMPONENT = ComponentType(
    name="source.http",
    category=Category.SOURCE,
    title="HTTP API",
    description=(
        "Reads JSON or JSONL records from an HTTP/REST API with pagination, authentication from an "
        "Airflow http or aggregator_rest connection, rate limiting, retries and incremental loads."
    ),
    config_model=HttpSourceConfig,
    executor="providers.components.http_source:read_http",
    inputs=Arity(0, 0),
    icon="globe",
)
