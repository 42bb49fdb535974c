"""Declared template parameters and the checking of values given for them."""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import to_jsonable_python

from dag_factory.spec.errors import SpecIssue, SpecPath
from dag_factory.spec.suggestions import did_you_mean

ScalarType = Literal["string", "integer", "number", "boolean", "connection"]
ParameterType = Literal["string", "integer", "number", "boolean", "connection", "list"]

_CONNECTION_ID = re.compile(r"\S{1,250}")
_EXPECTED = {
    "string": "text",
    "connection": "an Airflow connection id (text)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "list": "a list",
}


class TemplateParameter(BaseModel):
    """One value a template asks for: its type, constraints and default.

    A parameter with ``required: true`` must be given and has no default. Any other
    parameter takes its ``default`` when not given; without a default it has no value: a
    key whose whole value it is is left out of the spec, and inside a longer text it is
    empty. That suits optional settings such as a schema.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: ParameterType = "string"
    description: str = ""
    default: Any = None
    required: bool = False
    enum: list[Any] | None = Field(default=None, min_length=1, description="The only values allowed.")
    pattern: str | None = Field(default=None, description="Regular expression a text value must match whole.")
    items: ScalarType | None = Field(
        default=None, description="Type of each element of a list parameter; any JSON value when unset."
    )

    @field_validator("default", "enum", mode="before")
    @classmethod
    def _plain_json(cls, value: Any) -> Any:
        # YAML reads 2026-01-01 as a date; specs and stored templates hold it as ISO text.
        return to_jsonable_python(value)

    @model_validator(mode="after")
    def _consistent(self) -> TemplateParameter:
        problems = self.definition_problems()
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def definition_problems(self) -> list[str]:
        """What contradicts itself in this declaration (pattern, enum, default, items)."""
        problems: list[str] = []
        if self.pattern is not None:
            if self._item_type() not in ("string", "connection"):
                problems.append(f"pattern applies to text, not to {self.type} parameters")
            try:
                re.compile(self.pattern)
            except re.error as exc:
                problems.append(f"pattern is not a regular expression: {exc}")
                return problems
        if self.items is not None and self.type != "list":
            problems.append("items applies to list parameters only")
        if self.enum is not None:
            wrong = (_type_problem(self._item_type(), value) for value in self.enum)
            problems += [f"enum: {message}" for message in wrong if message]
        if self.required and self.default is not None:
            problems.append("a required parameter takes no default; remove required or the default")
        if self.default is not None and not problems:
            problems += [f"default: {message}" for _, message in self.value_problems(self.default)]
        return problems

    def value_problems(self, value: Any) -> list[tuple[SpecPath, str]]:
        """Why ``value`` does not fit; each problem with its path below the parameter."""
        if self.type != "list":
            return self._scalar_problems(self.type, value, ())
        if not isinstance(value, list):
            return [((), f"expected {_EXPECTED['list']}, got {describe(value)}")]
        problems: list[tuple[SpecPath, str]] = []
        for index, item in enumerate(value):
            problems += self._scalar_problems(self.items, item, (index,))
        return problems

    def _item_type(self) -> str | None:
        return self.items if self.type == "list" else self.type

    def _scalar_problems(self, kind: str | None, value: Any, path: SpecPath) -> list[tuple[SpecPath, str]]:
        wrong_type = _type_problem(kind, value)
        if wrong_type:
            return [(path, wrong_type)]
        if self.enum is not None and value not in self.enum:
            choices = ", ".join(repr(choice) for choice in self.enum)
            return [(path, f"{value!r} is not allowed; choose one of {choices}")]
        if self.pattern is not None and isinstance(value, str) and not re.fullmatch(self.pattern, value):
            return [(path, f"{value!r} does not match the pattern {self.pattern}")]
        return []


def _type_problem(kind: str | None, value: Any) -> str | None:
    if kind is None:
        return None
    fits = {
        "string": isinstance(value, str),
        "connection": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "list": isinstance(value, list),
    }[kind]
    if not fits:
        return f"expected {_EXPECTED[kind]}, got {describe(value)}"
    if kind == "number" and not math.isfinite(value):
        return f"expected a finite number, got {value}"
    if kind == "connection" and not _CONNECTION_ID.fullmatch(value):
        return f"{value!r} is not a connection id: 1 to 250 characters without spaces"
    return None


def describe(value: Any) -> str:
    """A value as a user reads it in a message: ``text '5'``, ``the number 5``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def resolve_values(
    parameters: Mapping[str, TemplateParameter], values: Any
) -> tuple[dict[str, Any], list[SpecIssue]]:
    """The value of every parameter (given, or its default) and every problem with ``values``.

    Problems are issues at ``parameters.<name>`` (``parameters.<name>[i]`` for a list
    element): unknown names, missing required values, wrong types, enum and pattern misses.
    """
    if not isinstance(values, Mapping):
        return {}, [
            SpecIssue(
                ("parameters",), f"expected a mapping of parameter names to values, got {describe(values)}"
            )
        ]
    issues = [
        SpecIssue(
            ("parameters", str(name)),
            f"unknown parameter '{name}'{did_you_mean(str(name), parameters)}; "
            f"parameters: {', '.join(parameters) or 'none'}",
            on_key=True,
        )
        for name in values
        if name not in parameters
    ]
    resolved: dict[str, Any] = {}
    for name, parameter in parameters.items():
        value = values.get(name)
        if value is None:
            if parameter.required:
                hint = f": {parameter.description}" if parameter.description else ""
                issues.append(SpecIssue(("parameters", name), f"'{name}' is required{hint}"))
            resolved[name] = copy.deepcopy(parameter.default)
            continue
        issues += [
            SpecIssue(("parameters", name, *path), message)
            for path, message in parameter.value_problems(value)
        ]
        resolved[name] = value
    return resolved, issues
