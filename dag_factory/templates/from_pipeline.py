"""Turn an existing pipeline into a template by making chosen values parameters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from dag_factory.spec.errors import SpecIssue, SpecPath, format_path
from dag_factory.spec.models import PipelineSpec
from dag_factory.templates.errors import TemplateError
from dag_factory.templates.model import PipelineTemplate, parse_template
from dag_factory.templates.placeholders import escape_all

_DOTTED = re.compile(r"[^.\[\]]+(?:\.[^.\[\]]+|\[\d+\])*")
_DOTTED_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def template_from_pipeline(
    spec: PipelineSpec,
    parameters: Mapping[str, str],
    *,
    template_id: str | None = None,
    title: str | None = None,
    description: str | None = None,
    tags: Iterable[str] | None = None,
) -> PipelineTemplate:
    """A template of ``spec`` whose values at the given paths become parameters.

    Each parameter's current value becomes its default and its type is taken from the
    value (a ``*conn_id`` value is a connection), so instantiating with no values gives
    ``spec`` back under the id passed to :func:`instantiate`. Text that reads like a
    placeholder (``${x}``) is kept literally.

    :param spec: The pipeline to start from.
    :param parameters: Parameter name to the path of its value, written as in error messages
        (``nodes[0].config.table``) or as a JSON pointer (``/nodes/0/config/table``).
    :param template_id: Id of the template; the pipeline's id by default.
    :param title: Title; the pipeline's name (or id) by default.
    :param description: Description; the pipeline's by default.
    :param tags: Tags; the pipeline's by default.
    :raises TemplateError: a path is malformed, leads nowhere, holds an object or the id,
        or overlaps another; each issue is at ``parameters.<name>``.
    """
    data = spec.to_data()
    data.pop("id")
    found: dict[str, tuple[SpecPath, Any]] = {}
    issues: list[SpecIssue] = []
    for name, text in parameters.items():
        try:
            found[name] = _locate(data, _parse_path(text))
        except ValueError as exc:
            issues.append(SpecIssue(("parameters", name), f"{text!r}: {exc}"))
    issues += _overlaps(found)
    if issues:
        raise TemplateError(issues, f"pipeline '{spec.id}'")
    template_spec = escape_all(data)
    declared: dict[str, dict[str, Any]] = {}
    for name, (path, value) in found.items():
        _put(template_spec, path, f"${{{name}}}")
        declared[name] = {
            "type": _type_of(path, value),
            "default": value,
            "description": f"{format_path(path)} of pipeline '{spec.id}'",
        }
        if isinstance(value, list):
            declared[name]["items"] = _item_type(value)
    return parse_template(
        {
            "id": template_id or spec.id,
            "title": title or spec.name or spec.id,
            "description": (spec.description or "") if description is None else description,
            "tags": list(spec.tags if tags is None else tags),
            "parameters": declared,
            "spec": template_spec,
        },
        source=f"pipeline '{spec.id}'",
    )


def _parse_path(text: str) -> list[str]:
    """The keys of a dotted path or a JSON pointer, list indexes still as text."""
    if text.startswith("/"):
        return [part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/")]
    if not _DOTTED.fullmatch(text):
        raise ValueError("not a path; write it like nodes[0].config.table or /nodes/0/config/table")
    return [key or index for key, index in _DOTTED_PART.findall(text)]


def _locate(data: Any, parts: list[str]) -> tuple[SpecPath, Any]:
    if parts == ["id"]:
        raise ValueError("the pipeline id is given when instantiating, it cannot be a parameter")
    path: list[str | int] = []
    current = data
    for part in parts:
        if isinstance(current, Mapping) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            path.append(int(part))
            current = current[int(part)]
        else:
            where = format_path(path) or "the spec"
            raise ValueError(f"{where} has no '{part}' (a value left at its default cannot be a parameter)")
    if not path or path == ["apiVersion"]:
        raise ValueError("choose a value inside the spec")
    if isinstance(current, Mapping):
        raise ValueError(f"{format_path(path)} is an object; choose one of its values ({', '.join(current)})")
    if current is None:
        raise ValueError(f"{format_path(path)} is null, which gives the parameter no type")
    return tuple(path), current


def _overlaps(found: Mapping[str, tuple[SpecPath, Any]]) -> list[SpecIssue]:
    issues = []
    names = list(found)
    for index, name in enumerate(names):
        path = found[name][0]
        for earlier in names[:index]:
            other = found[earlier][0]
            if path[: len(other)] == other or other[: len(path)] == path:
                message = f"{format_path(path)} overlaps parameter '{earlier}' ({format_path(other)})"
                issues.append(SpecIssue(("parameters", name), message))
                break
    return issues


def _put(data: Any, path: SpecPath, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _item_type(values: list[Any]) -> str | None:
    """The one scalar type of every element, if there is one (an empty list has none)."""
    if any(value is None or isinstance(value, list | Mapping) for value in values):
        return None
    kinds = {_type_of(("item",), value) for value in values}
    return kinds.pop() if len(kinds) == 1 else None


def _type_of(path: SpecPath, value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(path[-1], str) and path[-1].endswith("conn_id"):
        return "connection"
    return "string"
