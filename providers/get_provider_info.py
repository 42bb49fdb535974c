"""What the airflow-aggregator provider registers with Airflow's ProvidersManager."""

from __future__ import annotations

from typing import Any

PACKAGE_NAME = "airflow-aggregator"


def _field(label: str, schema: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    field: dict[str, Any] = {"label": label, "schema": schema}
    if description:
        field["description"] = description
    return field


def _text(default: str | None = None, **more: Any) -> dict[str, Any]:
    return {"type": ["string", "null"], **({"default": default} if default is not None else {}), **more}


# Read by Airflow's ProvidersManager without importing the hooks: "conn-fields" become the
# connection form's extra fields (stored under their plain names in the connection's extra),
# "ui-field-behaviour" hides, relabels and fills placeholders of the standard fields.
CONNECTION_TYPES: list[dict[str, Any]] = [
    {
        "hook-class-name": "providers.hooks.mysql.MySqlDatabaseHook",
        "hook-name": "MySQL / MariaDB (Aggregator)",
        "connection-type": "aggregator_mysql",
        "ui-field-behaviour": {
            "hidden-fields": [],
            "relabeling": {"schema": "Database"},
            "placeholders": {"host": "db.example.com", "port": "3306", "schema": "analytics"},
        },
        "conn-fields": {
            "charset": _field("Charset", _text("utf8mb4"), "Character set of the session."),
            "ssl_mode": _field(
                "SSL mode",
                _text(
                    "preferred",
                    enum=["disabled", "preferred", "required", "verify_ca", "verify_identity"],
                ),
                "As the MySQL client's --ssl-mode: verify_ca and verify_identity check the "
                "server certificate against SSL CA file (or the system CAs).",
            ),
            "ssl_ca": _field(
                "SSL CA file", _text(), "PEM file of the CA that signed the server certificate."
            ),
            "connect_timeout": _field(
                "Connect timeout (s)", {"type": ["integer", "null"], "default": 10, "minimum": 1}
            ),
        },
    },
    {
        "hook-class-name": "providers.hooks.rest_api.RestApiHook",
        "hook-name": "REST API (Aggregator)",
        "connection-type": "aggregator_rest",
        "ui-field-behaviour": {
            "hidden-fields": ["schema", "port"],
            "relabeling": {
                "host": "Base URL",
                "login": "Login / client id",
                "password": "Password / token / API key / client secret",
            },
            "placeholders": {"host": "https://api.example.com/v1"},
        },
        "conn-fields": {
            "auth_type": _field(
                "Auth type",
                _text("none", enum=["none", "basic", "bearer", "api_key", "oauth2_client_credentials"]),
                "basic: login and password; bearer and api_key: the password is the token or "
                "key; oauth2_client_credentials: login and password are the client id and secret.",
            ),
            "api_key_name": _field("API key name", _text("X-API-Key"), "Header or query parameter."),
            "api_key_in": _field("API key placement", _text("header", enum=["header", "query"])),
            "token_url": _field(
                "OAuth2 token URL", _text(), "Absolute, or relative to the base URL (oauth2 only)."
            ),
            "scope": _field("OAuth2 scope", _text()),
            "test_path": _field(
                "Health / test path", _text(), "Path requested by the connection test, e.g. /health."
            ),
            "timeout": _field(
                "Timeout (s)", {"type": ["number", "null"], "default": 30, "exclusiveMinimum": 0}
            ),
            "verify_ssl": _field("Verify TLS certificates", {"type": ["boolean", "null"], "default": True}),
        },
    },
]


def get_provider_info() -> dict[str, Any]:
    """Provider metadata read through the ``apache_airflow_provider`` entry point."""
    return {
        "package-name": PACKAGE_NAME,
        "name": "Aggregator",
        "description": (
            "Data aggregation pipelines for Airflow: node types, the pipeline operator and "
            "staging of data between tasks."
        ),
        "integrations": [
            {
                "integration-name": "Aggregator",
                "external-doc-url": "https://airflow.apache.org/",
                "tags": ["software"],
            }
        ],
        "operators": [
            {
                "integration-name": "Aggregator",
                "python-modules": ["providers.operators.pipeline_node"],
            }
        ],
        "hooks": [
            {
                "integration-name": "Aggregator",
                "python-modules": ["providers.hooks.mysql", "providers.hooks.rest_api"],
            }
        ],
        "connection-types": CONNECTION_TYPES,
        "config": {
            "aggregator": {
                "description": "Settings of airflow-aggregator pipelines.",
                "options": {
                    "staging_url": {
                        "description": (
                            "Where tasks stage data for their downstream tasks, as an "
                            "ObjectStoragePath URL (file://, s3://, gs://, ...). Empty means "
                            "a folder 'aggregator/staging' under AIRFLOW_HOME."
                        ),
                        "version_added": "0.1.0",
                        "type": "string",
                        "example": "s3://my-bucket/aggregator-staging",
                        "default": "",
                    },
                    "staging_conn_id": {
                        "description": "Airflow connection used to reach staging_url, if any.",
                        "version_added": "0.1.0",
                        "type": "string",
                        "example": "aws_default",
                        "default": "",
                    },
                    "api_max_body_bytes": {
                        "description": (
                            "Largest request body the aggregator API accepts, in bytes; larger "
                            "requests get 413 before they are read."
                        ),
                        "version_added": "0.1.0",
                        "type": "integer",
                        "example": "10485760",
                        "default": "10485760",
                    },
                    "store_pool_size": {
                        "description": (
                            "Connections the pipeline store keeps open to a server database "
                            "(PostgreSQL, MySQL) in each API server worker."
                        ),
                        "version_added": "0.1.0",
                        "type": "integer",
                        "example": "10",
                        "default": "10",
                    },
                    "store_max_overflow": {
                        "description": (
                            "Connections the pipeline store may open beyond store_pool_size "
                            "while many requests run at once; closed again when returned."
                        ),
                        "version_added": "0.1.0",
                        "type": "integer",
                        "example": "10",
                        "default": "10",
                    },
                    "publish_bundle_path": {
                        "description": (
                            "The DAG bundle folder that publishing writes pipeline specs into. "
                            "Empty means [core] dags_folder."
                        ),
                        "version_added": "0.1.0",
                        "type": "string",
                        "example": "/opt/airflow/dags",
                        "default": "",
                    },
                    "publish_folder": {
                        "description": "Folder under <bundle>/pipelines/ that published specs go to.",
                        "version_added": "0.1.0",
                        "type": "string",
                        "example": "main",
                        "default": "main",
                    },
                    "redis_url": {
                        "description": (
                            "Redis used as the plugin's cache (redis://host:port/db). Empty: no "
                            "Redis; readiness then does not check it."
                        ),
                        "version_added": "0.1.0",
                        "type": "string",
                        "example": "redis://127.0.0.1:6379/0",
                        "default": "",
                    },
                },
            }
        },
    }
