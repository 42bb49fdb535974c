"""Make a pipeline spec from a template and parameter values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dag_factory.spec.errors import SpecError, SpecIssue, SpecPath
from dag_factory.spec.models import API_VERSION, PipelineSpec
from dag_factory.templates.errors import TemplateValuesError
from dag_factory.templates.model import PipelineTemplate
from dag_factory.templates.parameters import resolve_values
from dag_factory.templates.placeholders import Placeholder, placeholders_in, substitute

if TYPE_CHECKING:
    from dag_factory.registry.catalog import ComponentRegistry


def instantiate(
    template: PipelineTemplate,
    values: Mapping[str, Any] | None = None,
    *,
    pipeline_id: str,
    registry: ComponentRegistry | None = None,
) -> PipelineSpec:
    """The spec ``template`` gives with ``values``, validated like any spec.

    :param template: The template to fill in.
    :param values: Parameter name to value; parameters left out take their default.
    :param pipeline_id: The ``id`` of the new pipeline (its dag_id).
    :param registry: Node types to validate against; the deployment's by default.
    :raises TemplateValuesError: a value is missing, unknown or does not fit its parameter;
        every problem is listed, each at ``parameters.<name>``.
    :raises SpecError: the filled-in spec is invalid; each issue is at its spec path
        (``nodes[1].config.mode``) and says which parameter gave the value.
    """
    source = f"template '{template.id}'"
    resolved, issues = resolve_values(template.parameters, {} if values is None else values)
    if issues:
        raise TemplateValuesError(issues, source)
    data = {"apiVersion": API_VERSION, "id": pipeline_id, **substitute(template.spec, resolved)}
    spec, spec_issues = _validate(data, registry)
    if spec is None:
        raise SpecError(_with_parameters(spec_issues, placeholders_in(template.spec)), source)
    return spec


def _validate(
    data: dict[str, Any], registry: ComponentRegistry | None
) -> tuple[PipelineSpec | None, list[SpecIssue]]:
    # The function parse_spec runs once the text is read: the data here has no text whose
    # lines and columns would mean anything to the user.
    from dag_factory.registry.catalog import default_registry
    from dag_factory.spec.validation import validate_data

    return validate_data(data, registry or default_registry())


def _with_parameters(issues: list[SpecIssue], placeholders: list[Placeholder]) -> list[SpecIssue]:
    """Name, in each issue, the parameters whose values are at, above or below its path."""
    named = []
    for issue in issues:
        sources = sorted({p.name for p in placeholders if _nested(issue.path, p.path)})
        if sources:
            listed = ", ".join(f"'{name}'" for name in sources)
            noun = "parameter" if len(sources) == 1 else "parameters"
            issue = replace(issue, message=f"{issue.message} (value from {noun} {listed})")
        named.append(issue)
    return named


def _nested(issue_path: SpecPath, value_path: SpecPath) -> bool:
    # An issue about the whole document is not about any one parameter.
    if not issue_path:
        return False
    shorter = min(len(issue_path), len(value_path))
    return issue_path[:shorter] == value_path[:shorter]
