"""Read a dag-factory YAML file into one configuration per DAG, as dag-factory builds them.

dag-factory reads YAML 1.1 (``yes``/``on`` are booleans there), merges the top-level
``default`` block into every DAG, and accepts ``tasks`` and ``task_groups`` either as a
mapping keyed by id or as a list of entries holding ``task_id`` / ``group_name``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from dag_factory.spec.errors import SpecIssue
from dag_factory.spec.source_map import MAX_EXPANDED_NODES, MAX_SPEC_BYTES

DEFAULT_BLOCK = "default"


@dataclass(frozen=True)
class PythonTag:
    """A value written with a Python tag (``!!python/name:pkg.mod.func``), kept as text."""

    tag: str
    value: str


class _DagFactoryLoader(yaml.SafeLoader):
    """YAML 1.1 like dag-factory's loader, but Python tags are kept as text, never run."""


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonTag:
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    kind, _, name = suffix.partition(":")
    return PythonTag(f"!!python/{kind}", name or str(value))


_DagFactoryLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


@dataclass(frozen=True)
class DagConfig:
    """One DAG of the file: its id and its configuration with defaults merged in."""

    dag_id: str
    config: dict[str, Any]


def read_dag_configs(text: str) -> tuple[list[DagConfig], list[SpecIssue]]:
    """The DAGs of a dag-factory file, or the issues that keep it from being read."""
    if len(text.encode()) > MAX_SPEC_BYTES:
        return [], [SpecIssue((), f"the file is larger than {MAX_SPEC_BYTES} bytes")]
    try:
        data = yaml.load(text, Loader=_DagFactoryLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return [], [SpecIssue((), f"malformed YAML: {exc.problem or exc.context}", line, column)]
    except yaml.YAMLError as exc:
        return [], [SpecIssue((), f"malformed YAML: {exc}")]
    except RecursionError:
        return [], [SpecIssue((), "malformed YAML: nested too deeply")]
    if data is None:
        return [], [SpecIssue((), "the file is empty")]
    if not isinstance(data, dict):
        kind = type(data).__name__
        return [], [SpecIssue((), f"a dag-factory file is a mapping of DAG ids, not a {kind}")]
    if _expands_beyond_limit(data):
        return [], [SpecIssue((), f"the document expands to more than {MAX_EXPANDED_NODES} values")]
    defaults = data.get(DEFAULT_BLOCK)
    defaults = defaults if isinstance(defaults, dict) else {}
    dags: list[DagConfig] = []
    issues: list[SpecIssue] = []
    for dag_id, config in data.items():
        if dag_id == DEFAULT_BLOCK:
            continue
        if not isinstance(config, dict):
            issues.append(SpecIssue((str(dag_id),), "a DAG's configuration must be a mapping"))
            continue
        dags.append(DagConfig(str(dag_id), merge_defaults(config, defaults)))
    return dags, issues


def merge_defaults(config: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """``defaults`` overlaid by ``config``, nested mappings merged key by key."""
    merged = dict(defaults)
    for key, value in config.items():
        base = merged.get(key)
        both_mappings = isinstance(value, dict) and isinstance(base, dict)
        merged[key] = merge_defaults(value, base) if both_mappings else value
    return merged


def entries_by_id(value: Any, id_key: str) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """``tasks``/``task_groups`` as a mapping by id, from either form, plus what was wrong."""
    if value is None:
        return {}, []
    if isinstance(value, dict):
        good = {str(k): v for k, v in value.items() if isinstance(v, dict)}
        bad = [f"entry '{k}' is not a mapping" for k, v in value.items() if not isinstance(v, dict)]
        return good, bad
    if not isinstance(value, list):
        return {}, [f"must be a mapping or a list, not a {type(value).__name__}"]
    found: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict) or id_key not in entry:
            problems.append(f"entry {index} is not a mapping with '{id_key}'")
        elif str(entry[id_key]) in found:
            problems.append(f"'{entry[id_key]}' is defined twice")
        else:
            found[str(entry[id_key])] = {k: v for k, v in entry.items() if k != id_key}
    return found, problems


def is_python_object(value: Any) -> bool:
    """Whether dag-factory turns ``value`` into a Python object (``__type__`` or a Python tag)."""
    if isinstance(value, PythonTag):
        return True
    if isinstance(value, dict):
        return "__type__" in value or any(is_python_object(item) for item in value.values())
    if isinstance(value, list):
        return any(is_python_object(item) for item in value)
    return False


def _expands_beyond_limit(data: Any) -> bool:
    """Whether walking ``data`` visits too many values; aliases are counted each time they are used."""
    stack = [data]
    visited = 0
    while stack:
        visited += 1
        if visited > MAX_EXPANDED_NODES:
            return True
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False
