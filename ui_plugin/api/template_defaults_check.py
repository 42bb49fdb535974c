"""Whether a template gives a valid spec when filled in with its defaults.

Required parameters have no default, so they get stand-in values of their type; problems
where a stand-in lands are not the template's fault and are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dag_factory.spec.errors import SpecError, SpecPath

if TYPE_CHECKING:
    from dag_factory.templates import PipelineTemplate, TemplateParameter

CHECK_PIPELINE_ID = "template_check"
_STAND_INS: dict[str | None, Any] = {
    "string": "stand_in",
    "connection": "stand_in",
    "integer": 1,
    "number": 1,
    "boolean": False,
    None: "stand_in",
}


def check_instantiates_with_defaults(template: PipelineTemplate) -> None:
    """Raise :class:`SpecError` (paths inside the spec) if the defaults give an invalid spec."""
    from dag_factory.templates import TemplateValuesError, instantiate
    from dag_factory.templates.placeholders import placeholders_in

    stand_ins = {name: _stand_in(p) for name, p in template.parameters.items() if p.required}
    try:
        instantiate(template, stand_ins, pipeline_id=CHECK_PIPELINE_ID)
    except TemplateValuesError:
        # A pattern or enum refused a stand-in: nothing can be said about the defaults.
        return
    except SpecError as error:
        stood_in = [p.path for p in placeholders_in(template.spec) if p.name in stand_ins]
        issues = [issue for issue in error.issues if not any(_related(issue.path, p) for p in stood_in)]
        if issues:
            raise SpecError(issues, error.source) from None


def _stand_in(parameter: TemplateParameter) -> Any:
    if parameter.enum:
        return [parameter.enum[0]] if parameter.type == "list" else parameter.enum[0]
    if parameter.type == "list":
        return [_STAND_INS[parameter.items]]
    return _STAND_INS[parameter.type]


def _related(issue_path: SpecPath, value_path: SpecPath) -> bool:
    """Whether the issue is at, above or below the value (but not about the whole document)."""
    shorter = min(len(issue_path), len(value_path))
    return bool(issue_path) and issue_path[:shorter] == value_path[:shorter]
