"""``aggregator template list|show|new``: browse the built-in templates and make pipelines from them."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dag_factory.cli import exit_codes
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError, SpecIssue

if TYPE_CHECKING:
    from dag_factory.templates import PipelineTemplate, TemplateParameter


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "template",
        help="list the built-in templates, show one, or make a pipeline spec from one",
        description="Pipeline templates: specs with typed parameters. See docs/templates.md.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    listing = actions.add_parser("list", help="list the built-in templates")
    listing.add_argument("--json", action="store_true", help="print every template as JSON")
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help="show a template's parameters and spec")
    show.add_argument("template_id", metavar="ID", help="template id (see `aggregator template list`)")
    show.set_defaults(handler=run_show)

    new = actions.add_parser(
        "new",
        help="make a pipeline spec from a template",
        description=(
            "Fill in template ID and print the pipeline spec as YAML. Values given with --set are "
            "text converted to the parameter's type: integer '42', number '2.5', boolean "
            "'true'/'false', list '[\"a\", \"b\"]' (JSON) or 'a,b'. --set wins over --values."
        ),
    )
    new.add_argument("template_id", metavar="ID", help="template id (see `aggregator template list`)")
    new.add_argument(
        "--id", required=True, dest="pipeline_id", metavar="PIPELINE_ID", help="id of the new pipeline"
    )
    new.add_argument(
        "--set",
        action="append",
        default=[],
        dest="assignments",
        metavar="NAME=VALUE",
        help="a parameter value; repeatable",
    )
    new.add_argument("--values", metavar="FILE", help="YAML or JSON mapping of parameter names to values")
    new.add_argument("--output", "-o", metavar="FILE", help="write the spec to FILE instead of stdout")
    new.set_defaults(handler=run_new)

    parser.set_defaults(handler=_usage(parser))


def _usage(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace, Terminal], int]:
    def handler(args: argparse.Namespace, terminal: Terminal) -> int:
        parser.print_help(terminal.err)
        return exit_codes.USAGE

    return handler


def run_list(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.templates import builtin_templates

    templates = builtin_templates()
    if args.json:
        terminal.say(json.dumps([t.to_data() for t in templates.values()], indent=2, ensure_ascii=False))
        return exit_codes.OK
    width = max(len(template_id) for template_id in templates)
    for template_id, template in templates.items():
        required = [name for name, p in template.parameters.items() if p.required]
        needs = terminal.paint(f"(needs {', '.join(required)})" if required else "", "dim")
        terminal.say(f"{template_id.ljust(width)}  {template.title}  {needs}".rstrip())
    return exit_codes.OK


def run_show(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.interchange.yaml_text import dump_yaml

    template = _template(args.template_id, terminal)
    if template is None:
        return exit_codes.FAILED
    terminal.say(terminal.paint(f"{template.id}: {template.title}", "bold"))
    if template.description:
        terminal.say(template.description)
    if template.tags:
        terminal.say(f"tags: {', '.join(template.tags)}")
    terminal.say("parameters:")
    for name, parameter in template.parameters.items():
        terminal.say(f"  {name}  {_declaration(parameter)}")
        if parameter.description:
            terminal.say(f"      {parameter.description}")
    terminal.say("spec:")
    for line in dump_yaml(template.spec).splitlines():
        terminal.say(f"  {line}")
    return exit_codes.OK


def run_new(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.cli.parameter_text import values_from_assignments
    from dag_factory.interchange import export_specs
    from dag_factory.templates import instantiate

    template = _template(args.template_id, terminal)
    if template is None:
        return exit_codes.FAILED
    values: dict[str, Any] = {}
    try:
        if args.values:
            values = _values_file(Path(args.values))
    except SpecError as error:
        terminal.warn(error.describe())
        return exit_codes.FAILED
    given, issues = values_from_assignments(template.parameters, args.assignments)
    spec = None
    try:
        spec = instantiate(template, {**values, **given}, pipeline_id=args.pipeline_id)
    except SpecError as error:
        issues += error.issues
    if issues or spec is None:
        # Malformed --set texts and wrong values are reported together, so one run shows all.
        terminal.warn(SpecError(issues, f"template '{template.id}'").describe())
        return exit_codes.FAILED
    text = export_specs(spec, "yaml")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        terminal.warn(f"wrote {args.output}")
    else:
        terminal.out.write(text)
    return exit_codes.OK


def _template(template_id: str, terminal: Terminal) -> PipelineTemplate | None:
    from dag_factory.templates import UnknownTemplateError, builtin_template

    try:
        return builtin_template(template_id)
    except UnknownTemplateError as error:
        terminal.error(str(error))
        return None


def _declaration(parameter: TemplateParameter) -> str:
    """``list of string, required`` / ``integer, default 500, one of ...``."""
    kind = f"list of {parameter.items}" if parameter.type == "list" and parameter.items else parameter.type
    parts = [kind]
    if parameter.required:
        parts.append("required")
    elif parameter.default is not None:
        parts.append(f"default {json.dumps(parameter.default, ensure_ascii=False)}")
    else:
        parts.append("optional")
    if parameter.enum:
        parts.append(f"one of {', '.join(json.dumps(v, ensure_ascii=False) for v in parameter.enum)}")
    if parameter.pattern:
        parts.append(f"matching {parameter.pattern}")
    return ", ".join(parts)


def _values_file(path: Path) -> dict[str, Any]:
    """The mapping in a ``--values`` file; values keep their YAML/JSON types, dates become ISO text."""
    from pydantic_core import to_jsonable_python

    from dag_factory.spec.source_map import read_document

    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError([SpecIssue((), f"cannot read the values file: {exc}")], source) from None
    document = read_document(text, source=source, is_json=path.suffix.lower() == ".json")
    if not isinstance(document.data, dict):
        raise SpecError(
            [SpecIssue((), "the values file must be a mapping of parameter names to values")], source
        )
    # Template parameters hold JSON values: an unquoted YAML date is meant as its ISO text.
    return to_jsonable_python(document.data)
