"""Template parameter values written as text on the command line (``--set name=value``).

Text is converted to the parameter's declared type; text that does not convert is passed
on unchanged, so that checking the values reports it with the parameter's name and the
type it expected, like any other wrong value.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from dag_factory.spec.errors import SpecIssue

if TYPE_CHECKING:
    from dag_factory.templates import TemplateParameter

_INTEGER = re.compile(r"[+-]?\d+")
_BOOLEANS = {"true": True, "false": False}


def values_from_assignments(
    parameters: Mapping[str, TemplateParameter], assignments: Iterable[str]
) -> tuple[dict[str, Any], list[SpecIssue]]:
    """Parameter values from ``name=value`` texts, each converted to its parameter's type.

    A name given twice keeps its last value. An assignment without ``=`` is an issue at
    ``parameters``. A name the template does not declare is kept as text (checking the
    values then reports it with a "did you mean" hint).
    """
    values: dict[str, Any] = {}
    issues: list[SpecIssue] = []
    for assignment in assignments:
        name, equals, text = assignment.partition("=")
        name = name.strip()
        if not equals or not name:
            issues.append(SpecIssue(("parameters",), f"--set {assignment!r} must look like name=value"))
            continue
        parameter = parameters.get(name)
        values[name] = text if parameter is None else value_from_text(parameter, text)
    return values, issues


def value_from_text(parameter: TemplateParameter, text: str) -> Any:
    """``text`` as a value of ``parameter``'s type, or ``text`` itself when it is not one.

    - ``string``, ``connection``: the text as written.
    - ``integer``: digits with an optional sign (``42``, ``-1``).
    - ``number``: a whole number as above, or anything Python reads as a finite float
      (``2.5``, ``1e3``).
    - ``boolean``: ``true`` or ``false``, in any case.
    - ``list``: a JSON array (``["a", "b"]``, values taken as JSON), or else
      comma-separated items, each converted to the ``items`` type (``a,b``); empty text is
      an empty list.
    """
    if parameter.type == "list":
        return _list_from_text(parameter, text)
    return _scalar_from_text(parameter.type, text)


def _list_from_text(parameter: TemplateParameter, text: str) -> Any:
    if text.lstrip().startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    if not text.strip():
        return []
    return [_scalar_from_text(parameter.items, item.strip()) for item in text.split(",")]


def _scalar_from_text(kind: str | None, text: str) -> Any:
    if kind == "integer" and _INTEGER.fullmatch(text.strip()):
        return int(text)
    if kind == "number":
        if _INTEGER.fullmatch(text.strip()):
            return int(text)
        try:
            number = float(text)
        except ValueError:
            return text
        return number if math.isfinite(number) else text
    if kind == "boolean":
        return _BOOLEANS.get(text.strip().lower(), text)
    return text
