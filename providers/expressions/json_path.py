"""A JSONPath subset: ``$``, then any of ``.key``, ``["key"]`` (or ``['key']``) and ``[index]``.

A path is parsed once, when its expression is compiled, into a tuple of steps: ``str`` for an
object key, ``int`` for an array index (negative counts from the end, ``-1`` is the last).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

Path = tuple[str | int, ...]
MISSING = object()
"""What :func:`follow` answers when the path leads nowhere."""


class JsonPathError(ValueError):
    """A path that does not parse; ``offset`` is the offending character's index in the path."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@lru_cache(maxsize=256)
def parse_json_path(text: str) -> Path:
    """The steps of ``text``, e.g. ``$.a["b c"][0]`` → ``("a", "b c", 0)``."""
    if not text.startswith("$"):
        raise JsonPathError("a JSON path starts with '$'", 0)
    steps: list[str | int] = []
    position = 1
    while position < len(text):
        char = text[position]
        if char == ".":
            position = _key(text, position + 1, steps)
        elif char == "[":
            position = _bracket(text, position + 1, steps)
        else:
            raise JsonPathError(f"expected '.' or '[' in the JSON path, not {char!r}", position)
    return tuple(steps)


def _key(text: str, start: int, steps: list[str | int]) -> int:
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    if end == start:
        found = repr(text[start]) if start < len(text) else "the end"
        hint = '(quote other keys: ["a b"])'
        raise JsonPathError(f"expected a key after '.' in the JSON path, not {found} {hint}", start)
    steps.append(text[start:end])
    return end


def _bracket(text: str, start: int, steps: list[str | int]) -> int:
    if start < len(text) and text[start] in "\"'":
        quote, parts, position = text[start], [], start + 1
        while position < len(text) and text[position] != quote:
            if text[position] == "\\" and position + 1 < len(text):
                position += 1  # a backslash takes the next character as it is, quote included
            parts.append(text[position])
            position += 1
        if position >= len(text):
            raise JsonPathError(f"the quoted key is not closed: add {quote}]", start)
        steps.append("".join(parts))
        return _closing(text, position + 1)
    end = start + 1 if start < len(text) and text[start] == "-" else start
    while end < len(text) and text[end].isdigit():
        end += 1
    if end == start or text[start:end] == "-":
        found = repr(text[end]) if end < len(text) else "the end"
        raise JsonPathError(f"expected an index or a quoted key after '[' in the JSON path, not {found}", end)
    steps.append(int(text[start:end]))
    return _closing(text, end)


def _closing(text: str, position: int) -> int:
    if position >= len(text) or text[position] != "]":
        found = repr(text[position]) if position < len(text) else "the end"
        raise JsonPathError(f"expected ']' in the JSON path, not {found}", position)
    return position + 1


def follow(document: str, path: Path) -> Any:
    """The value at ``path`` in the JSON text ``document``; :data:`MISSING` if absent or not JSON."""
    try:
        value = _DECODER.decode(document)
    except ValueError:
        return MISSING
    for step in path:
        if isinstance(step, str) and isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(step, int) and isinstance(value, list) and -len(value) <= step < len(value):
            value = value[step]
        else:
            return MISSING
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# One decoder for every value: json.loads with options would build a decoder per call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
