"""Math functions of the expression language."""

from __future__ import annotations

from providers.expressions.function_spec import Function, call, kernel, written
from providers.expressions.value_types import NUMERIC, Operand, numeric_result


def _round(args: list[Operand]) -> Operand:
    import pyarrow.compute as pc

    digits = written(args, 1, "round", int, "digits") if len(args) > 1 else 0
    return Operand(call("round", [args[0].expression], pc.RoundOptions(ndigits=digits)), args[0].type)


def _float(name: str) -> object:
    def build(args: list[Operand]) -> Operand:
        import pyarrow as pa

        return Operand(call(name, [a.expression.cast(pa.float64()) for a in args]), pa.float64())

    return build


def _extreme(name: str) -> object:
    def build(args: list[Operand]) -> Operand:
        result = args[0].type
        for arg in args[1:]:
            result = numeric_result(result, arg.type)
        return Operand(call(name, [a.expression.cast(result) for a in args]), result)

    return build


FUNCTIONS = (
    Function("abs", "abs(number) -> number", "Absolute value.", "abs(delta)", "math",
             [NUMERIC], kernel("abs_checked")),
    Function("floor", "floor(number) -> number", "Round down.", "floor(price)", "math",
             [NUMERIC], kernel("floor")),
    Function("ceil", "ceil(number) -> number", "Round up.", "ceil(price)", "math",
             [NUMERIC], kernel("ceil")),
    Function("round", "round(number[, digits]) -> number", "Round half to even to digits (default 0).",
             "round(price * 1.2, 2)", "math", [NUMERIC, frozenset({"int"})], _round, optional=1),
    Function("sqrt", "sqrt(number) -> float", "Square root (NaN below zero).", "sqrt(price)", "math",
             [NUMERIC], _float("sqrt")),
    Function("ln", "ln(number) -> float", "Natural logarithm.", "ln(price)", "math", [NUMERIC], _float("ln")),
    Function("exp", "exp(number) -> float", "e to the power of the number.", "exp(delta)", "math",
             [NUMERIC], _float("exp")),
    Function("power", "power(base, exponent) -> float", "base raised to exponent.", "power(price, 2)", "math",
             [NUMERIC, NUMERIC], _float("power")),
    Function("greatest", "greatest(number, ...) -> number", "The largest argument, nulls ignored.",
             "greatest(price, 10)", "math", [NUMERIC], _extreme("max_element_wise"), variadic=True),
    Function("least", "least(number, ...) -> number", "The smallest argument, nulls ignored.",
             "least(price, 10)", "math", [NUMERIC], _extreme("min_element_wise"), variadic=True),
)  # fmt: skip
