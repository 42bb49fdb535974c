"""Field types shared by node-type config models; their schema tells the UI what to render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

CONNECTION_FORMAT = "airflow-connection"
IMPORT_PATH_FORMAT = "python-import-path"
#: JSON Schema keyword of a field naming columns of the data the node reads (see :class:`NamesColumns`).
COLUMN_MARKER = "x-aggregator-column"


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


@dataclass(frozen=True)
class NamesColumns:
    """Marks a config field that names columns of the data the node reads, for the builder's pickers.

    Put it in the field's ``Annotated`` type: ``group_by: Annotated[list[str], COLUMN_VALUES]``.
    The field's JSON Schema then holds ``"x-aggregator-column"``: ``"value"`` when the field is a
    column name or a list of them, ``"keys"`` when it is a map whose keys are column names. The
    columns are those of the node's inputs; for a source, those of the table or files it reads.
    Validation is unchanged.

    :param part: ``value`` or ``keys``: which part of the field names columns.
    """

    part: Literal["value", "keys"]

    def __post_init__(self) -> None:
        if self.part not in ("value", "keys"):
            raise ValueError(f"NamesColumns part: 'value' or 'keys', not {self.part!r}")

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The field's schema with the marker added at its top (next to ``anyOf`` when optional)."""
        schema: dict[str, Any] = handler(core_schema)
        schema[COLUMN_MARKER] = self.part
        return schema


#: The field is an input column name, or a list of them.
COLUMN_VALUES = NamesColumns("value")
#: The field is a map whose keys are input column names.
COLUMN_KEYS = NamesColumns("keys")


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
