"""Pipeline templates: specs with ``${name}`` placeholders and declared, typed parameters.

- :class:`PipelineTemplate`, :class:`TemplateParameter`: the template document.
- :func:`parse_template`, :func:`read_template`: validate template data or YAML/JSON text.
- :func:`instantiate`: a validated :class:`~dag_factory.spec.models.PipelineSpec` from a
  template and parameter values.
- :func:`template_from_pipeline`: a template from a pipeline, chosen values as parameters.
- :func:`builtin_templates`, :func:`builtin_template`: the templates shipped in ``builtin/``.

See ``docs/templates.md`` for the placeholder syntax.
"""

from dag_factory.templates.builtin_catalog import builtin_template, builtin_templates
from dag_factory.templates.errors import TemplateError, TemplateValuesError, UnknownTemplateError
from dag_factory.templates.from_pipeline import template_from_pipeline
from dag_factory.templates.instantiation import instantiate
from dag_factory.templates.model import PipelineTemplate, parse_template, read_template
from dag_factory.templates.parameters import TemplateParameter

__all__ = [
    "PipelineTemplate",
    "TemplateError",
    "TemplateParameter",
    "TemplateValuesError",
    "UnknownTemplateError",
    "builtin_template",
    "builtin_templates",
    "instantiate",
    "parse_template",
    "read_template",
    "template_from_pipeline",
]
