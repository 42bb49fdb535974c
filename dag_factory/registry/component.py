"""``ComponentType``: the single declaration of a node type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from dag_factory.registry.config_fields import CONNECTION_FORMAT
from dag_factory.registry.import_path import import_object


class Category(StrEnum):
    """Where a node type sits in a pipeline; the builder groups its palette by it."""

    SOURCE = "source"
    TRANSFORM = "transform"
    SINK = "sink"


@dataclass(frozen=True)
class Arity:
    """How many inputs a node type accepts (``maximum=None`` means any number)."""

    minimum: int = 0
    maximum: int | None = 0

    def accepts(self, count: int) -> bool:
        """Whether ``count`` inputs are allowed."""
        return count >= self.minimum and (self.maximum is None or count <= self.maximum)

    def describe(self) -> str:
        """A phrase like ``exactly 1 input`` or ``1 or more inputs``."""
        low, high = self.minimum, self.maximum
        if high == 0:
            return "no inputs"
        if high is None:
            return f"{low} or more inputs" if low else "any number of inputs"
        noun = "input" if high == 1 else "inputs"
        return f"exactly {low} {noun}" if low == high else f"{low} to {high} {noun}"


@dataclass(frozen=True)
class AssetTarget:
    """The Airflow Asset a node writes (its task's outlet), so other pipelines can wait for it.

    :param uri: The asset URI, e.g. ``file:///data/out`` or ``x-aggregator-sql://dwh/public/orders``.
    :param name: The asset name; defaults to the URI.
    """

    uri: str
    name: str | None = None

    def as_asset(self) -> Any:
        """The ``airflow.sdk.Asset`` to declare as a task outlet."""
        from airflow.sdk import Asset

        return Asset(uri=self.uri, name=self.name or self.uri)


ColumnsRead = Callable[[Any, frozenset[str] | None], frozenset[str] | None]
"""``(config, wanted) -> columns``: the input columns a node reads when its consumer uses ``wanted``
of its output (``None``: every column, or not known)."""
ColumnsNarrowed = Callable[[Any, frozenset[str]], Any]
"""``(config, wanted) -> config``: a config that produces only ``wanted`` (of the columns it has)."""


@dataclass(frozen=True)
class ColumnUse:
    """Which columns a node type uses, so a task reads from its source only what its nodes need.

    Declare only what is certain: a node type without it is assumed to use every column.

    :param reads: The input columns a node reads, given what its consumer uses of its output. A
        row-wise transform adds the columns it reads and drops those it produces; an aggregate
        reads its keys and aggregated columns whatever is wanted.
    :param narrowed: For a node that can skip columns itself (a source): its config producing only
        the wanted columns. Columns it does not have are not its to check; it may then read all.
    """

    reads: ColumnsRead | None = None
    narrowed: ColumnsNarrowed | None = None


AssetFunction = Callable[[Mapping[str, Any], str | None], AssetTarget | None]
"""``(config, spec_folder) -> AssetTarget | None``: a node's asset from its raw config, at DAG
parse time, so it must not do I/O (no connection look-ups) and must import only light modules."""


@dataclass(frozen=True)
class ComponentType:
    """A node type: its name, config model, arity and how it executes.

    :param name: The ``type`` written in specs, ``<family>.<kind>`` (e.g. ``source.file``).
    :param category: Source, transform or sink.
    :param title: Short human name for the palette.
    :param description: One paragraph for forms and docs.
    :param config_model: Pydantic model validating the node's ``config``.
    :param executor: ``module:function`` run by the operator; imported only at execution.
    :param inputs: Accepted number of inputs.
    :param has_output: Whether the node produces data for downstream nodes.
    :param code_bearing: Whether the config carries code (needs the code permission).
    :param icon: Icon name for the UI.
    :param asset: ``module:function`` computing the Asset the node writes (an
        :data:`AssetFunction`); sinks declare it so pipelines can be scheduled on their output.
    :param fusable: The executor returns a stream made batch by batch (a source's read, a
        row-wise transform, a join streaming its left input), so the node may run inside the
        task of its only consumer instead of staging its output.
    :param example: A typical ``config``, shown in the catalogue and the docs.
    :param column_use: Which columns the node reads and whether it can skip columns (see
        :class:`ColumnUse`); ``None``: it uses every column.
    """

    name: str
    category: Category
    title: str
    description: str
    config_model: type[BaseModel]
    executor: str
    inputs: Arity = field(default_factory=Arity)
    has_output: bool = True
    code_bearing: bool = False
    icon: str = "box"
    asset: str | None = None
    fusable: bool = False
    example: Mapping[str, Any] | None = None
    column_use: ColumnUse | None = None

    def __post_init__(self) -> None:
        if "." not in self.name or ":" not in self.executor:
            raise ValueError(
                f"component {self.name!r}: name must be '<family>.<kind>' and executor "
                f"'module:function' (got executor {self.executor!r})"
            )
        if self.asset is not None and ":" not in self.asset:
            raise ValueError(f"component {self.name!r}: asset must be 'module:function' (got {self.asset!r})")

    @cached_property
    def config_schema(self) -> dict[str, Any]:
        """JSON Schema of the node's ``config``."""
        return self.config_model.model_json_schema()

    def connection_fields(self) -> list[str]:
        """Names of config fields that hold an Airflow connection id."""
        props = self.config_schema.get("properties", {})
        return [name for name, prop in props.items() if _is_connection(prop)]

    def load_executor(self) -> Callable[..., Any]:
        """Import the function that executes this node type."""
        return import_object(self.executor)

    def asset_target(self, config: Mapping[str, Any], spec_folder: str | None) -> AssetTarget | None:
        """The Asset a node of this type writes with ``config``, or None (no asset declared)."""
        if self.asset is None:
            return None
        function: AssetFunction = import_object(self.asset)
        return function(config, spec_folder)

    def ui_metadata(self) -> dict[str, Any]:
        """What the builder palette and forms need to know, as JSON data."""
        return {
            "name": self.name,
            "category": self.category.value,
            "title": self.title,
            "description": self.description,
            "icon": self.icon,
            "inputs": {"min": self.inputs.minimum, "max": self.inputs.maximum},
            "has_output": self.has_output,
            "code_bearing": self.code_bearing,
            "fusable": self.fusable,
            "example": dict(self.example) if self.example is not None else None,
            "config_schema": self.config_schema,
        }


def _is_connection(prop: dict[str, Any]) -> bool:
    options = [prop, *prop.get("anyOf", [])]
    return any(option.get("format") == CONNECTION_FORMAT for option in options)
