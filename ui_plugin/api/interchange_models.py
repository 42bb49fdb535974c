"""Request and response bodies of the import and export routes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from dag_factory.spec.models import PipelineId
from ui_plugin.api.pipeline_creation import OnConflict

Format = Literal["json", "yaml"]


class ExportIn(BaseModel):
    """Pipelines to export together, by id, and the format of the document."""

    ids: list[PipelineId] = Field(
        min_length=1, description="Ids of the pipelines; their drafts are exported."
    )
    format: Format = "yaml"


class ImportIn(BaseModel):
    """A document holding one spec, ``{pipelines: [...]}`` or a list of specs."""

    content: str = Field(description="The document's text, as GET /pipelines/{id}/export writes it.")
    format: Format | None = Field(
        default=None, description="Detected when left out: JSON if it parses, else YAML."
    )
    on_conflict: OnConflict = Field(
        default="fail", description="A pipeline id that exists: fail (409, nothing stored) or skip it."
    )


class ImportOut(BaseModel):
    """The pipelines an import created, and those it left alone because their id was taken."""

    created: list[str]
    skipped: list[str]


class DagFactoryImportIn(BaseModel):
    """A dag-factory YAML file to convert, and whether to store the specs that validate."""

    content: str = Field(description="The dag-factory YAML file's text.")
    create: bool = Field(default=False, description="Store every converted spec that validates.")
    on_conflict: OnConflict = Field(
        default="fail", description="With create, a pipeline id that exists: fail or skip."
    )


class UnconvertedDag(BaseModel):
    """A DAG whose converted spec does not validate: its YAML, to fix by hand, and the problems."""

    dag_id: str
    spec_text: str
    errors: list[dict[str, Any]]


class DagFactoryImportOut(BaseModel):
    """The converted specs, the report the CLI prints, and the pipelines created."""

    pipelines: list[dict[str, Any]] = Field(description="Every converted spec that validates.")
    invalid: list[UnconvertedDag] = Field(description="DAGs whose converted spec does not validate.")
    report: list[str] = Field(description="Per DAG: mapped tasks with notes, what did not map, problems.")
    created: list[str]
    skipped: list[str]
