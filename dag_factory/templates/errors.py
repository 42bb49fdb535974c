"""Typed template errors; each problem is a :class:`SpecIssue` naming its path."""

from __future__ import annotations

from dag_factory.spec.errors import SpecError


class TemplateError(SpecError):
    """A template document is invalid: ``issues`` name paths like ``parameters.table.default``."""


class TemplateValuesError(SpecError):
    """Values given to instantiate a template are invalid; each issue is at ``parameters.<name>``."""


class UnknownTemplateError(KeyError):
    """No template has this id."""

    def __init__(self, template_id: str, message: str) -> None:
        super().__init__(template_id)
        self.template_id = template_id
        self.message = message

    def __str__(self) -> str:
        return self.message
