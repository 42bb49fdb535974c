"""The Asset of a ``sink.sql`` node: ``x-aggregator-sql://<conn_id>/<schema>/<table>``.

The URI is built from the connection id, never from the connection itself: DAG parsing
must not look connections up (a thousand pipelines parse in seconds). Airflow leaves
schemes starting with ``x-`` as they are (no provider sanitizer, no warning), which is
what a scheme of our own needs; the same table written through two connection ids is
two assets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from dag_factory.registry.component import AssetTarget

SCHEME = "x-aggregator-sql"


def sql_asset(config: Mapping[str, Any], spec_folder: str | None) -> AssetTarget | None:
    """The table the sink loads, as an asset URI; None if the connection or table is templated."""
    conn_id = config.get("conn_id")
    table = config.get("table")
    schema = config.get("schema", config.get("db_schema"))
    parts = [part for part in (schema, table) if part]
    if not isinstance(conn_id, str) or not isinstance(table, str):
        return None
    if any("{{" in str(value) for value in (conn_id, *parts)):
        return None
    path = "/".join(quote(str(part), safe="") for part in parts)
    return AssetTarget(uri=f"{SCHEME}://{quote(conn_id, safe='')}/{path}")
