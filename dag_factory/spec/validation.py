"""Validate spec data: the models, each node's config, and the graph. All issues at once."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from dag_factory.registry.catalog import ComponentRegistry, UnknownComponentError
from dag_factory.spec.errors import SpecIssue, SpecPath
from dag_factory.spec.graph import find_cycle
from dag_factory.spec.models import PipelineSpec
from dag_factory.spec.suggestions import did_you_mean


def validate_data(
    data: Any, registry: ComponentRegistry | None
) -> tuple[PipelineSpec | None, list[SpecIssue]]:
    """Validate plain spec data; return the spec (when valid) and every issue found.

    Without a ``registry`` only the structure is checked, not the nodes against their types.
    """
    if not isinstance(data, dict):
        kind = type(data).__name__
        return None, [SpecIssue((), f"a pipeline spec must be a mapping of keys, not a {kind}")]
    spec: PipelineSpec | None = None
    try:
        spec = PipelineSpec.model_validate(data)
        issues: list[SpecIssue] = list(_schedule_issues(spec))
    except ValidationError as error:
        issues = pydantic_issues(error, PipelineSpec, data, ())
    nodes = data.get("nodes")
    if isinstance(nodes, list) and registry is not None:
        issues += _node_issues(nodes, registry)
    if issues:
        return None, _first_per_path(issues)
    return spec, []


def pydantic_issues(
    error: ValidationError, model: type[BaseModel], data: Any, prefix: SpecPath
) -> list[SpecIssue]:
    """Turn a pydantic error into spec issues with data paths and "did you mean" hints."""
    issues = []
    for detail in error.errors(include_url=False):
        path = _data_path(data, detail["loc"])
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            key = str(path[-1]) if path else ""
            allowed = _fields_at(model, path[:-1])
            message = f"unknown key '{key}'{did_you_mean(key, allowed)}"
            if allowed:
                message += f"; allowed keys: {', '.join(sorted(allowed))}"
        elif detail["type"] == "missing":
            message = f"'{path[-1]}' is required" if path else "a value is required"
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        on_key = detail["type"] == "extra_forbidden"
        issues.append(SpecIssue((*prefix, *path), message, on_key=on_key))
    return issues


def _model_issues(model: type[BaseModel], data: Any, prefix: SpecPath) -> list[SpecIssue]:
    try:
        model.model_validate(data)
    except ValidationError as error:
        return pydantic_issues(error, model, data, prefix)
    return []


def _schedule_issues(spec: PipelineSpec) -> Iterator[SpecIssue]:
    # Airflow refuses to build such a DAG; say so where the spec is written, not at parse time.
    if spec.catchup and spec.schedule is not None and spec.start_date is None:
        yield SpecIssue(("start_date",), "a start_date is required when catchup is true", on_key=True)


def _node_issues(nodes: list[Any], registry: ComponentRegistry) -> Iterator[SpecIssue]:
    first_index: dict[str, int] = {}
    for index, node in enumerate(nodes):
        if not isinstance(node, dict):
            continue
        node_id = node.get("id")
        if isinstance(node_id, str):
            if node_id in first_index:
                yield SpecIssue(
                    ("nodes", index, "id"),
                    f"duplicate node id '{node_id}' (first used by nodes[{first_index[node_id]}])",
                )
            else:
                first_index[node_id] = index
        yield from _type_and_config_issues(index, node, registry)
    yield from _input_issues(nodes, first_index, registry)


def _type_and_config_issues(
    index: int, node: dict[str, Any], registry: ComponentRegistry
) -> Iterator[SpecIssue]:
    type_name = node.get("type")
    if not isinstance(type_name, str):
        return
    try:
        component = registry.get(type_name)
    except UnknownComponentError:
        yield SpecIssue(
            ("nodes", index, "type"),
            f"unknown node type '{type_name}'{did_you_mean(type_name, registry.names())}",
        )
        return
    config = node.get("config", {})
    if isinstance(config, dict):
        yield from _model_issues(component.config_model, config, ("nodes", index, "config"))


def _input_issues(
    nodes: list[Any], index_of: dict[str, int], registry: ComponentRegistry
) -> Iterator[SpecIssue]:
    graph: dict[str, list[str]] = {}
    for index, node in enumerate(nodes):
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            continue
        inputs = node.get("inputs", [])
        if not isinstance(inputs, list):
            continue
        names = [name for name in inputs if isinstance(name, str)]
        graph.setdefault(node["id"], names)
        for position, name in enumerate(names):
            path = ("nodes", index, "inputs", position)
            if name == node["id"]:
                yield SpecIssue(path, f"node '{name}' cannot be its own input")
            elif name not in index_of:
                yield SpecIssue(path, f"unknown node '{name}'{did_you_mean(name, index_of)}")
            elif names.index(name) != position:
                yield SpecIssue(path, f"input '{name}' is listed twice")
            else:
                upstream = nodes[index_of[name]].get("type")
                if upstream in registry and not registry.get(upstream).has_output:
                    yield SpecIssue(path, f"'{name}' is a {upstream} node and produces no output to read")
        type_name = node.get("type")
        if type_name in registry:
            arity = registry.get(type_name).inputs
            if not arity.accepts(len(names)):
                yield SpecIssue(
                    ("nodes", index, "inputs"),
                    f"a {type_name} node takes {arity.describe()}, got {len(names)}",
                )
    cycle = find_cycle(graph)
    if cycle:
        yield SpecIssue(
            ("nodes", index_of[cycle[0]], "inputs"),
            f"the nodes form a cycle: {' -> '.join(cycle)}",
        )


def _data_path(data: Any, loc: tuple[Any, ...]) -> SpecPath:
    """Keep the parts of a pydantic location that name keys or indexes of the data."""
    path: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        elif position == len(loc) - 1 and isinstance(current, dict):
            path.append(part)
    return tuple(path)


def _fields_at(model: type[BaseModel], path: SpecPath) -> set[str]:
    """Allowed keys of the model found at ``path`` below ``model``."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return set()
    models = [a for a in _flatten(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    keys: set[str] = set()
    for found in models:
        for name, field in found.model_fields.items():
            keys.add(field.alias or name)
    return keys


def _step(annotation: Any, part: str | int) -> Any:
    for option in _flatten(annotation):
        if isinstance(part, str) and isinstance(option, type) and issubclass(option, BaseModel):
            for name, field in option.model_fields.items():
                if part in (name, field.alias):
                    return field.annotation
        origin = typing.get_origin(option)
        if isinstance(part, int) and origin in (list, tuple, set):
            return typing.get_args(option)[0]
        if isinstance(part, str) and origin is dict:
            return typing.get_args(option)[1]
    return None


def _flatten(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _flatten(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _flatten(arg)]
    return [annotation]


def _first_per_path(issues: list[SpecIssue]) -> list[SpecIssue]:
    seen: set[SpecPath] = set()
    kept = []
    for issue in issues:
        if issue.path not in seen:
            seen.add(issue.path)
            kept.append(issue)
    return kept
