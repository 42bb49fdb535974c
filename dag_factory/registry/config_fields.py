"""Field types shared by node-type config models; their schema tells the UI what to render."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

CONNECTION_FORMAT = "airflow-connection"
IMPORT_PATH_FORMAT = "python-import-path"


class ComponentConfig(BaseModel):
    """Base of every node type's config model: strict, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def ConnectionId(*conn_types: str) -> type[str]:  # noqa: N802 - reads as a type
    """A field holding an Airflow connection id, optionally of given connection types.

    The schema names the first type in ``x-connection-type`` and, when several are
    accepted, all of them in ``x-connection-types``.
    """
    extra: dict[str, object] = {"format": CONNECTION_FORMAT}
    if conn_types:
        extra["x-connection-type"] = conn_types[0]
    if len(conn_types) > 1:
        extra["x-connection-types"] = list(conn_types)
    return Annotated[  # type: ignore[return-value]
        str,
        Field(min_length=1, max_length=250, json_schema_extra=extra),
    ]


ImportPath = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$",
        json_schema_extra={"format": IMPORT_PATH_FORMAT},
        description="module.path:function, importable from the DAG bundle or plugins folder.",
        examples=["my_pkg.cleaning:normalize"],
    ),
]
"""A field holding ``module.path:attribute``."""

DEFAULT_BATCH_ROWS = 65_536
#: Default batch of nodes with a cost per batch, such as a join hashing its right side.
LARGE_BATCH_ROWS = 1_048_576

BatchRows = Annotated[
    int,
    Field(
        ge=1,
        le=10_000_000,
        description="Rows per batch: what the node holds in memory at a time, and the unit of its progress.",
    ),
]
"""A field holding a batch size in rows; give it the default ``DEFAULT_BATCH_ROWS``."""
