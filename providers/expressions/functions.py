"""The function catalogue of the expression language: each function's signature, doc and build.

Exported as data (:func:`catalogue`) for the builder's help and ``docs/transforms.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from providers.expressions.value_types import NUMERIC, Operand

if TYPE_CHECKING:
    import pyarrow.compute as pc


@dataclass(frozen=True)
class Function:
    """One function: ``kinds`` lists the accepted kinds per argument (``*`` any)."""

    name: str
    signature: str
    description: str
    example: str
    category: str
    kinds: Sequence[frozenset[str] | None]
    build: Callable[[list[Operand]], Operand]
    variadic: bool = False
    optional: int = 0
    """How many trailing arguments may be left out."""


def _call(name: str, args: list[Any], options: Any = None) -> pc.Expression:
    import pyarrow.compute as pc

    return pc.Expression._call(name, args, options)


def _string(name: str) -> Callable[[list[Operand]], Operand]:
    import pyarrow as pa

    return lambda args: Operand(_call(name, [args[0].expression]), pa.string())


def _length(args: list[Operand]) -> Operand:
    import pyarrow as pa

    return Operand(_call("utf8_length", [args[0].expression]), pa.int64())


def _same_type(name: str) -> Callable[[list[Operand]], Operand]:
    return lambda args: Operand(_call(name, [args[0].expression]), args[0].type)


def _round(args: list[Operand]) -> Operand:
    import pyarrow.compute as pc

    digits = args[1].literal if len(args) > 1 else 0
    if not isinstance(digits, int) or isinstance(digits, bool):
        raise ValueError("round() takes its digits as a whole number written in the expression")
    return Operand(_call("round", [args[0].expression], pc.RoundOptions(ndigits=digits)), args[0].type)


def _coalesce(args: list[Operand]) -> Operand:
    import pyarrow as pa

    kinds = {a.kind for a in args} - {"null"}
    if len(kinds) > 1 and not kinds <= NUMERIC:
        raise ValueError(f"coalesce() needs arguments of one kind, not {', '.join(sorted(kinds))}")
    typed = [a.type for a in args if a.kind != "null"]
    target = (pa.float64() if len(kinds) > 1 else typed[0]) if typed else args[0].type
    return Operand(_call("coalesce", [a.expression.cast(target) for a in args]), target)


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("upper", "upper(text) -> text", "Upper-case letters.", "upper(region)", "string",
                 [frozenset({"string"})], _string("utf8_upper")),
        Function("lower", "lower(text) -> text", "Lower-case letters.", "lower(email)", "string",
                 [frozenset({"string"})], _string("utf8_lower")),
        Function("trim", "trim(text) -> text", "Remove white space at both ends.", "trim(name)", "string",
                 [frozenset({"string"})], _string("utf8_trim_whitespace")),
        Function("length", "length(text) -> int", "Number of characters.", "length(sku)", "string",
                 [frozenset({"string"})], _length),
        Function("abs", "abs(number) -> number", "Absolute value.", "abs(delta)", "math",
                 [NUMERIC], _same_type("abs_checked")),
        Function("floor", "floor(number) -> number", "Round down.", "floor(price)", "math",
                 [NUMERIC], _same_type("floor")),
        Function("ceil", "ceil(number) -> number", "Round up.", "ceil(price)", "math",
                 [NUMERIC], _same_type("ceil")),
        Function("round", "round(number[, digits]) -> number", "Round half to even to digits (default 0).",
                 "round(price * 1.2, 2)", "math", [NUMERIC, frozenset({"int"})], _round, optional=1),
        Function("coalesce", "coalesce(value, ...) -> value", "The first argument that is not null.",
                 "coalesce(discount, 0)", "null handling", [None], _coalesce, variadic=True),
    )
}  # fmt: skip


def catalogue() -> list[dict[str, str]]:
    """Every function as data: name, signature, description, example, category."""
    return [
        {"name": f.name, "signature": f.signature, "description": f.description, "example": f.example,
         "category": f.category}
        for f in sorted(FUNCTIONS.values(), key=lambda f: (f.category, f.name))
    ]  # fmt: skip
