"""The ``${name}`` placeholder syntax of template specs: find, check and substitute.

``${`` is used rather than ``{{ }}`` because Airflow renders Jinja (``{{ ds }}``) in node
configs at run time, so specs legitimately contain it; placeholders are replaced once,
when a pipeline is made from the template, and Jinja is left untouched.

- A string that is exactly ``${name}`` becomes the value itself, keeping its type
  (a number stays a number, a list a list).
- ``${name}`` inside a longer string is replaced by the value as text.
- A key whose value is exactly a placeholder without a value (an optional parameter
  with no default) is left out, so the setting takes its own default.
- ``$${`` is a literal ``${``.
- Only values are substituted, never mapping keys.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from dag_factory.spec.errors import SpecPath

PARAMETER_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"

_TOKEN = re.compile(r"\$\$\{|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$\{")
_WHOLE = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}")


class MalformedPlaceholderError(ValueError):
    """A ``${`` that does not start a ``${name}`` placeholder."""


@dataclass(frozen=True)
class Placeholder:
    """A use of a parameter in the spec."""

    path: SpecPath
    name: str


def names_in(text: str) -> list[str]:
    """Names of the placeholders in ``text``, in order; raise on a malformed ``${``."""
    names = []
    for match in _TOKEN.finditer(text):
        if match.group(0) == "$${":
            continue
        if match.group("name") is None:
            raise MalformedPlaceholderError(
                f"malformed placeholder at character {match.start() + 1} of {text!r}: "
                "write ${name} with letters, digits and _, or $${ for a literal ${"
            )
        names.append(match.group("name"))
    return names


def is_whole(text: str) -> bool:
    """Whether ``text`` is exactly one placeholder."""
    return _WHOLE.fullmatch(text) is not None


def strings_in(data: Any, path: SpecPath = ()) -> Iterator[tuple[SpecPath, str]]:
    """Every string value in ``data`` with its path (keys are not values)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield from strings_in(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_in(value, (*path, index))


def keys_in(data: Any, path: SpecPath = ()) -> Iterator[tuple[SpecPath, str]]:
    """Every mapping key in ``data`` with its path."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield (*path, key), str(key)
            yield from keys_in(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from keys_in(value, (*path, index))


def placeholders_in(data: Any) -> list[Placeholder]:
    """Every placeholder in ``data``; raise :class:`MalformedPlaceholderError` on a bad one."""
    return [Placeholder(path, name) for path, text in strings_in(data) for name in names_in(text)]


def substitute(data: Any, values: Mapping[str, Any]) -> Any:
    """A copy of ``data`` with every placeholder replaced by its value in ``values``."""
    if isinstance(data, str):
        return substitute_text(data, values)
    if isinstance(data, Mapping):
        return {key: substitute(value, values) for key, value in data.items() if not _is_unset(value, values)}
    if isinstance(data, list):
        return [substitute(value, values) for value in data]
    return data


def _is_unset(value: Any, values: Mapping[str, Any]) -> bool:
    whole = _WHOLE.fullmatch(value) if isinstance(value, str) else None
    return whole is not None and values[whole.group("name")] is None


def substitute_text(text: str, values: Mapping[str, Any]) -> Any:
    """``text`` with its placeholders replaced; a whole placeholder gives the value itself."""
    whole = _WHOLE.fullmatch(text)
    if whole:
        # Copied so that specs made from one template never share mutable values.
        return copy.deepcopy(values[whole.group("name")])

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        return "${" if name is None else as_text(values[name])

    return _TOKEN.sub(replace, text)


def escape(text: str) -> str:
    """``text`` written so that it reads back literally (every ``${`` as ``$${``)."""
    return text.replace("${", "$${")


def escape_all(data: Any) -> Any:
    """A copy of ``data`` with every string value escaped."""
    if isinstance(data, str):
        return escape(data)
    if isinstance(data, Mapping):
        return {key: escape_all(value) for key, value in data.items()}
    if isinstance(data, list):
        return [escape_all(value) for value in data]
    return data


def as_text(value: Any) -> str:
    """How a value reads inside a longer string: JSON spelling for booleans, nothing for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
