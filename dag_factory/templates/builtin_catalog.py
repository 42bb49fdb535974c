"""The templates shipped with the aggregator: one YAML file each under ``builtin/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dag_factory.spec.suggestions import did_you_mean
from dag_factory.templates.errors import UnknownTemplateError
from dag_factory.templates.model import PipelineTemplate, read_template

BUILTIN_FOLDER = Path(__file__).with_name("builtin")


def builtin_templates() -> dict[str, PipelineTemplate]:
    """The built-in templates by id, in file-name order."""
    return {template.id: template for template in _load()}


def builtin_template(template_id: str) -> PipelineTemplate:
    """The built-in template ``template_id``; :class:`UnknownTemplateError` if there is none."""
    templates = builtin_templates()
    try:
        return templates[template_id]
    except KeyError:
        message = (
            f"no built-in template '{template_id}'{did_you_mean(template_id, templates)}; "
            f"templates: {', '.join(templates)}"
        )
        raise UnknownTemplateError(template_id, message) from None


@cache
def _load() -> tuple[PipelineTemplate, ...]:
    # Read once per process: the files are part of the installed package.
    return tuple(
        read_template(path.read_text(encoding="utf-8"), source=str(path))
        for path in sorted(BUILTIN_FOLDER.glob("*.yaml"))
    )
