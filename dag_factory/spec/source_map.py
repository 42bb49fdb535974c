"""Read YAML or JSON text into plain data plus a map from spec path to line and column."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from dag_factory.spec.errors import SpecError, SpecIssue, SpecPath

MAX_SPEC_BYTES = 2 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000

_BOOL_TAG = "tag:yaml.org,2002:bool"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader with YAML 1.2 booleans: only ``true``/``false``.

    YAML 1.1 also reads ``on``, ``off``, ``yes``, ``no`` as booleans, which turns a join's
    ``on:`` key into ``True``; here they stay text, as editors using the JSON Schema expect.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOL_TAG]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass
class SourceMap:
    """Line and column (1-based) of every key and value in a document."""

    positions: dict[SpecPath, tuple[int, int]] = field(default_factory=dict)
    """Where each value starts (for a nested mapping or list: where its key is)."""
    key_positions: dict[SpecPath, tuple[int, int]] = field(default_factory=dict)
    """Where each mapping key starts."""

    def locate(self, path: SpecPath, *, on_key: bool = False) -> tuple[int | None, int | None]:
        """Position of ``path``, or of its nearest ancestor present in the document."""
        if on_key and path in self.key_positions:
            return self.key_positions[path]
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found:
                return found
        return None, None

    def place(self, issue: SpecIssue) -> SpecIssue:
        """Return ``issue`` placed at the line and column of its path, unless already placed."""
        if issue.line is not None:
            return issue
        return issue.at(*self.locate(issue.path, on_key=issue.on_key))


class ParsedDocument:
    """Plain data read from a file, with problems found while reading and, on demand, positions.

    Positions are needed only to report issues, so for JSON they are worked out only when
    asked for: valid documents, the common case when Airflow parses a bundle, skip it.
    """

    def __init__(
        self,
        data: Any,
        issues: list[SpecIssue],
        positions: SourceMap | Callable[[], SourceMap],
    ) -> None:
        self.data = data
        self.issues = issues
        self._positions = positions

    @cached_property
    def source_map(self) -> SourceMap:
        """Line and column of every key and value."""
        return self._positions if isinstance(self._positions, SourceMap) else self._positions()


def read_document(text: str, *, source: str | None = None, is_json: bool = False) -> ParsedDocument:
    """Parse YAML (or JSON) text; raise :class:`SpecError` when it is not a document at all."""
    if len(text.encode()) > MAX_SPEC_BYTES:
        raise SpecError([SpecIssue((), f"the spec is larger than {MAX_SPEC_BYTES} bytes")], source)
    if is_json:
        return _read_json(text, source)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SpecError([SpecIssue((), "the file is empty")], source)
        walker = _Walker()
        if "&" in text and walker.size(node) > MAX_EXPANDED_NODES:
            raise SpecError(
                [SpecIssue((), f"the document expands to more than {MAX_EXPANDED_NODES} values")],
                source,
            )
        walker.walk(node, ())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "malformed YAML"
        raise SpecError([SpecIssue((), f"malformed YAML: {problem}", line, column)], source) from None
    except yaml.YAMLError as exc:
        raise SpecError([SpecIssue((), f"malformed YAML: {exc}")], source) from None
    finally:
        loader.dispose()
    return ParsedDocument(data, walker.issues, walker.source_map)


def _read_json(text: str, source: str | None) -> ParsedDocument:
    duplicates: list[str] = []

    def strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            duplicates.append(next(k for i, (k, _) in enumerate(pairs) if k in dict(pairs[:i])))
        return obj

    try:
        data = json.loads(text, object_pairs_hook=strict_object)
    except json.JSONDecodeError as exc:
        raise SpecError(
            [SpecIssue((), f"malformed JSON: {exc.msg}", exc.lineno, exc.colno)], source
        ) from None
    except RecursionError:
        raise SpecError([SpecIssue((), "malformed JSON: nested too deeply")], source) from None
    if duplicates:
        walker = _json_walker(text)
        return ParsedDocument(data, walker.issues, walker.source_map)
    return ParsedDocument(data, [], lambda: _json_walker(text).source_map)


def _json_walker(text: str) -> _Walker:
    """Positions (and duplicate keys) of a JSON text, read as the YAML it also is."""
    walker = _Walker()
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return walker
    if node is not None:
        walker.walk(node, ())
    return walker


class _Walker:
    """Records positions, finds duplicate keys and measures how far aliases expand."""

    def __init__(self) -> None:
        self.source_map = SourceMap()
        self.issues: list[SpecIssue] = []
        self._sizes: dict[int, int] = {}

    def walk(self, node: yaml.Node, path: SpecPath) -> None:
        self.source_map.positions.setdefault(path, _position(node))
        self._walk_children(node, path)

    def _walk_children(self, node: yaml.Node, path: SpecPath) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
                child = (*path, key)
                if key in seen:
                    self.issues.append(
                        SpecIssue(
                            child,
                            f"duplicate key '{key}' (first at line {seen[key]})",
                            *_position(key_node),
                            on_key=True,
                        )
                    )
                seen[key] = _position(key_node)[0]
                self.source_map.key_positions.setdefault(child, _position(key_node))
                anchor = value_node if isinstance(value_node, yaml.ScalarNode) else key_node
                self.source_map.positions.setdefault(child, _position(anchor))
                self._walk_children(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = (*path, index)
                self.source_map.positions.setdefault(child, _position(item))
                self._walk_children(item, child)

    def size(self, node: yaml.Node) -> int:
        """Number of values ``node`` expands to, counting aliased subtrees every time."""
        key = id(node)
        if key in self._sizes:
            return self._sizes[key]
        self._sizes[key] = MAX_EXPANDED_NODES + 1  # a recursive alias expands without end
        if isinstance(node, yaml.MappingNode):
            size = 1 + sum(self.size(k) + self.size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            size = 1 + sum(self.size(item) for item in node.value)
        else:
            size = 1
        self._sizes[key] = min(size, MAX_EXPANDED_NODES + 1)
        return self._sizes[key]


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
