"""Specs sent to the API: as a JSON object or as YAML/JSON text, validated against the registry."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, model_validator

from dag_factory.spec.errors import SpecError
from dag_factory.spec.models import PipelineSpec


class SpecInput(BaseModel):
    """A pipeline spec: ``spec`` as a JSON object, or ``spec_text`` as YAML or JSON text."""

    spec: dict[str, Any] | None = Field(default=None, description="The spec as a JSON object.")
    spec_text: str | None = Field(
        default=None, description="The spec as YAML or JSON text; errors then carry line and column."
    )

    @model_validator(mode="after")
    def _one_form(self) -> SpecInput:
        if (self.spec is None) == (self.spec_text is None):
            raise ValueError("send exactly one of 'spec' (a JSON object) or 'spec_text' (YAML or JSON text)")
        return self

    def validated(self) -> PipelineSpec:
        """The validated spec; :class:`SpecError` lists every problem with its path."""
        return validated_spec(self.spec if self.spec is not None else self.spec_text)


def validated_spec(spec: dict[str, Any] | str | None) -> PipelineSpec:
    """Validate spec data or text against the component registry."""
    from dag_factory.registry.catalog import default_registry
    from dag_factory.spec.parsing import parse_spec
    from dag_factory.spec.validation import validate_data

    registry = default_registry()
    if isinstance(spec, str):
        return parse_spec(spec, source="spec_text", registry=registry)
    parsed, issues = validate_data(spec, registry)
    if issues or parsed is None:
        raise SpecError(issues)
    return parsed
