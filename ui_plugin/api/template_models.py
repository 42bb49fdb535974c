"""Request and response bodies of the template routes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from dag_factory.spec.models import PipelineId
from dag_factory.templates.model import TemplateId
from ui_plugin.api.pipeline_models import PipelineOut

if TYPE_CHECKING:
    from dag_factory.templates import PipelineTemplate, TemplateParameter
    from ui_plugin.store.records import TemplateRecord


class TemplateParameterOut(BaseModel):
    """A declared parameter of a template, as forms show it."""

    name: str
    type: str = Field(description="string, integer, number, boolean, connection or list")
    default: Any = None
    description: str = ""
    required: bool = False
    enum: list[Any] | None = None
    pattern: str | None = None
    items: str | None = Field(default=None, description="Type of each element of a list parameter.")

    @classmethod
    def of(cls, name: str, parameter: TemplateParameter) -> TemplateParameterOut:
        return cls(name=name, **parameter.model_dump(mode="json"))


class TemplateSummary(BaseModel):
    """A template as lists show it, without its spec."""

    id: str
    title: str
    description: str
    tags: list[str]
    builtin: bool = Field(description="Shipped with the aggregator: read-only.")
    parameters: list[TemplateParameterOut]
    created_by: str | None = Field(default=None, description="Who saved it; none for built-ins.")
    created_at: datetime | None = None

    @classmethod
    def of(cls, template: PipelineTemplate, record: TemplateRecord | None = None) -> TemplateSummary:
        return cls(**_summary_fields(template, record))


class TemplateOut(TemplateSummary):
    """A template with its spec, whose values may hold ``${name}`` placeholders."""

    spec: dict[str, Any]

    @classmethod
    def of(cls, template: PipelineTemplate, record: TemplateRecord | None = None) -> TemplateOut:
        return cls(**_summary_fields(template, record), spec=template.spec)


class TemplateIn(BaseModel):
    """A new template: a spec without ``id`` and the parameters its placeholders name."""

    id: str = Field(description="Unique among templates, built-in ones included.")
    title: str
    description: str = ""
    parameters: dict[str, Any] = Field(
        default_factory=dict,
        description="Parameter name to its declaration: type, description, default, required, enum, "
        "pattern, items.",
    )
    spec: dict[str, Any] = Field(description="The spec without id; values may hold ${name} placeholders.")


class TemplateFromPipelineIn(BaseModel):
    """A template made from a pipeline's draft: chosen values become parameters."""

    template_id: TemplateId
    title: str
    description: str | None = Field(default=None, description="The pipeline's description when left out.")
    parameters: dict[str, str] = Field(
        default_factory=dict,
        description="Parameter name to the path of its value: nodes[0].config.table or "
        "/nodes/0/config/table. The current value becomes the default.",
    )


class InstantiateIn(BaseModel):
    """Values for a template's parameters and, to store the result, the new pipeline's id."""

    parameters: dict[str, Any] = Field(
        default_factory=dict, description="Parameter name to value; left out: the default."
    )
    pipeline_id: PipelineId | None = Field(
        default=None, description="Id of the new pipeline; the template's id when left out and not creating."
    )
    create: bool = Field(
        default=False, description="Also store the pipeline (needs can_create on pipelines)."
    )


class InstantiateOut(BaseModel):
    """The spec a template gives, and the stored pipeline when it was created."""

    spec: dict[str, Any]
    pipeline: PipelineOut | None = Field(
        default=None, description="The stored pipeline when create was true."
    )


def _summary_fields(template: PipelineTemplate, record: TemplateRecord | None) -> dict[str, Any]:
    return {
        "id": template.id,
        "title": template.title,
        "description": template.description,
        "tags": list(template.tags),
        "builtin": record is None,
        "parameters": [TemplateParameterOut.of(name, p) for name, p in template.parameters.items()],
        "created_by": record.created_by if record else None,
        "created_at": record.created_at if record else None,
    }
