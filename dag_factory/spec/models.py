"""The pipeline spec v1 as pydantic models: the one definition of the format."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dag_factory.spec.durations import Duration
from dag_factory.spec.schedule import Schedule

API_VERSION = "aggregator/v1"

NodeId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_-]*$",
        max_length=200,
        description="Unique within the pipeline; becomes the Airflow task id.",
    ),
]
PipelineId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$",
        max_length=200,
        description="Unique across the deployment; becomes the Airflow dag_id.",
    ),
]


class StrictModel(BaseModel):
    """Base for spec models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Position(StrictModel):
    """Where the builder canvas draws a node."""

    x: float
    y: float


class NodeUi(StrictModel):
    """Layout data of the visual builder; it does not change what runs."""

    position: Position | None = None


class NodeSpec(StrictModel):
    """One step of the pipeline; becomes one Airflow task."""

    id: NodeId
    type: str = Field(description="A node type from the component registry, e.g. 'source.file'.")
    name: str | None = Field(default=None, description="Display name of the task.")
    description: str | None = None
    inputs: list[NodeId] = Field(default_factory=list, description="Ids of upstream nodes.")
    config: dict[str, Any] = Field(
        default_factory=dict, description="Settings of the node type; see its schema."
    )
    ui: NodeUi | None = None


class TaskDefaults(StrictModel):
    """Settings applied to every task of the pipeline (Airflow's ``default_args``)."""

    retries: int = Field(default=0, ge=0, le=100)
    retry_delay: Duration | None = None
    retry_exponential_backoff: bool = False
    max_retry_delay: Duration | None = None
    execution_timeout: Duration | None = None
    depends_on_past: bool = False
    pool: str | None = None
    queue: str | None = None


class PipelineSpec(StrictModel):
    """A pipeline: metadata, schedule, defaults, params and a graph of nodes."""

    api_version: Literal["aggregator/v1"] = Field(alias="apiVersion")
    id: PipelineId
    name: str | None = Field(default=None, description="Display name of the DAG.")
    description: str | None = None
    owner: str = "airflow"
    tags: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(default_factory=list)
    schedule: Schedule = None
    start_date: date | datetime | None = None
    end_date: date | datetime | None = None
    catchup: bool = False
    fuse: bool = Field(
        default=True,
        description=(
            "Run each chain of streaming nodes (source reads, row-wise transforms) read by one "
            "node inside that node's task, without staging between them. False: a task per node."
        ),
    )
    max_active_runs: int | None = Field(default=None, ge=1)
    defaults: TaskDefaults = Field(default_factory=TaskDefaults)
    params: dict[str, Any] = Field(
        default_factory=dict, description="Run parameters, overridable when triggering a run."
    )
    nodes: list[NodeSpec] = Field(min_length=1)

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        title="airflow-aggregator pipeline spec v1",
    )

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, tags: list[str]) -> list[str]:
        seen = {t for i, t in enumerate(tags) if t in tags[:i]}
        if seen:
            raise ValueError(f"duplicate tags: {', '.join(sorted(seen))}")
        return tags

    def node(self, node_id: str) -> NodeSpec:
        """The node with this id."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def to_data(self) -> dict[str, Any]:
        """The spec as plain JSON data, in the field names of the format."""
        return self.model_dump(mode="json", by_alias=True, exclude_defaults=True)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the spec's canonical JSON: its version identity."""
        canonical = json.dumps(self.to_data(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()
