"""A config field holding an expression: its syntax is checked when the spec is validated."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

EXPRESSION_FORMAT = "aggregator-expression"


def _parses(text: str) -> str:
    from providers.expressions.errors import ExpressionError
    from providers.expressions.parser import parse_expression

    try:
        parse_expression(text)
    except ExpressionError as error:
        raise ValueError(error.describe(text)) from None
    return text


Expression = Annotated[
    str,
    AfterValidator(_parses),
    Field(min_length=1, json_schema_extra={"format": EXPRESSION_FORMAT}),
]
"""An expression of docs/expressions.md; columns and types are checked when the input is known."""
