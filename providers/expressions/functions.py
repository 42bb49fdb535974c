"""The function catalogue of the expression language, gathered from its families.

Exported as data (:func:`catalogue`) for the builder's help and ``docs/expressions.md``.
"""

from __future__ import annotations

from providers.expressions import (
    cast_functions,
    date_functions,
    hash_functions,
    json_functions,
    math_functions,
    null_functions,
    text_functions,
)
from providers.expressions.function_spec import Function

FUNCTIONS: dict[str, Function] = {
    function.name: function
    for family in (
        text_functions,
        math_functions,
        date_functions,
        cast_functions,
        null_functions,
        hash_functions,
        json_functions,
    )
    for function in family.FUNCTIONS
}


def catalogue() -> list[dict[str, str]]:
    """Every function as data: name, signature, description, example, category."""
    return [
        {"name": f.name, "signature": f.signature, "description": f.description, "example": f.example,
         "category": f.category}
        for f in sorted(FUNCTIONS.values(), key=lambda f: (f.category, f.name))
    ]  # fmt: skip
