"""``PipelineTemplate``: a spec with ``${name}`` placeholders and the parameters they name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import to_jsonable_python

from dag_factory.spec.errors import SpecError, SpecIssue
from dag_factory.spec.models import API_VERSION
from dag_factory.spec.source_map import read_document
from dag_factory.spec.suggestions import did_you_mean
from dag_factory.spec.validation import pydantic_issues
from dag_factory.templates.errors import TemplateError
from dag_factory.templates.parameters import TemplateParameter
from dag_factory.templates.placeholders import (
    PARAMETER_NAME_PATTERN,
    MalformedPlaceholderError,
    is_whole,
    keys_in,
    names_in,
    strings_in,
)

TemplateId = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$", max_length=200, description="Unique among templates."),
]
ParameterName = Annotated[str, Field(pattern=PARAMETER_NAME_PATTERN, max_length=100)]

# Set in the validation context by parse_template, which reports these checks itself, each
# at its own path, instead of as the single message a model validator can raise.
_CHECKED_BY_CALLER = "template_issues_checked_by_caller"


class PipelineTemplate(BaseModel):
    """A parameterised pipeline spec: instantiate it with values to get a :class:`PipelineSpec`.

    ``spec`` is a spec document without ``id`` (given when instantiating) whose string
    values may hold ``${name}`` placeholders (see :mod:`dag_factory.templates.placeholders`).
    Every placeholder names a declared parameter and every parameter is used.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: TemplateId
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    tags: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(default_factory=list)
    parameters: dict[ParameterName, TemplateParameter] = Field(default_factory=dict)
    spec: dict[str, Any] = Field(description="The spec document, with placeholders.")

    @field_validator("spec")
    @classmethod
    def _plain_json(cls, spec: dict[str, Any]) -> dict[str, Any]:
        # YAML reads dates as date objects; templates are stored and served as JSON.
        return to_jsonable_python(spec)

    @model_validator(mode="after")
    def _placeholders_match_parameters(self, info: ValidationInfo) -> PipelineTemplate:
        if info.context and info.context.get(_CHECKED_BY_CALLER):
            return self
        issues = template_issues(self)
        if issues:
            raise ValueError("; ".join(issue.format() for issue in issues))
        return self

    def to_data(self) -> dict[str, Any]:
        """The template as plain JSON data."""
        return self.model_dump(mode="json", exclude_defaults=True)


def template_issues(template: PipelineTemplate) -> list[SpecIssue]:
    """Problems between the spec's placeholders and the declared parameters."""
    issues: list[SpecIssue] = []
    spec = template.spec
    if "id" in spec:
        issues.append(
            SpecIssue(("spec", "id"), "the pipeline id is given when instantiating; remove it", on_key=True)
        )
    if spec.get("apiVersion", API_VERSION) != API_VERSION:
        issues.append(SpecIssue(("spec", "apiVersion"), f"templates make {API_VERSION} specs"))
    for path, key in keys_in(spec):
        if "${" in key:
            issues.append(
                SpecIssue(("spec", *path), "placeholders are replaced in values, not in keys", on_key=True)
            )
    used: set[str] = set()
    for path, text in strings_in(spec):
        try:
            names = names_in(text)
        except MalformedPlaceholderError as exc:
            issues.append(SpecIssue(("spec", *path), str(exc)))
            continue
        for name in names:
            used.add(name)
            parameter = template.parameters.get(name)
            if parameter is None:
                hint = did_you_mean(name, template.parameters)
                known = ", ".join(template.parameters) or "none"
                message = f"unknown parameter '{name}'{hint}; parameters: {known}"
                issues.append(SpecIssue(("spec", *path), message))
            elif parameter.type == "list" and not is_whole(text):
                message = f"list parameter '{name}' must be the whole value, not part of a text"
                issues.append(SpecIssue(("spec", *path), message))
    for name in template.parameters:
        if name not in used:
            message = (
                f"parameter '{name}' is not used in the spec; write ${{{name}}} where it goes, or remove it"
            )
            issues.append(SpecIssue(("parameters", name), message, on_key=True))
    return issues


def parse_template(data: Any, *, source: str | None = None) -> PipelineTemplate:
    """Validate template data (e.g. a request body); raise :class:`TemplateError` listing every problem."""
    return _validated(data, source, place=None)


def read_template(text: str, *, source: str | None = None, is_json: bool = False) -> PipelineTemplate:
    """Parse and validate template YAML or JSON text; issues carry line and column."""
    try:
        document = read_document(text, source=source, is_json=is_json)
    except SpecError as exc:
        raise TemplateError(exc.issues, source) from None
    if document.issues:
        raise TemplateError([document.source_map.place(issue) for issue in document.issues], source)
    return _validated(document.data, source, place=document.source_map.place)


def _validated(
    data: Any, source: str | None, place: Callable[[SpecIssue], SpecIssue] | None
) -> PipelineTemplate:
    if not isinstance(data, Mapping):
        raise TemplateError([SpecIssue((), "a template must be a mapping of keys")], source)
    try:
        template = PipelineTemplate.model_validate(data, context={_CHECKED_BY_CALLER: True})
        issues = template_issues(template)
    except ValidationError as error:
        issues = [_on_key_names(issue) for issue in pydantic_issues(error, PipelineTemplate, data, ())]
    if issues:
        raise TemplateError([place(issue) for issue in issues] if place else issues, source)
    return template


def _on_key_names(issue: SpecIssue) -> SpecIssue:
    # pydantic places a bad mapping key at "<key>.[key]"; users know it as the key itself.
    if not issue.path or issue.path[-1] != "[key]":
        return issue
    return replace(issue, path=issue.path[:-1], message=f"bad name: {issue.message}", on_key=True)
