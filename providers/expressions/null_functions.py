"""Functions about missing values."""

from __future__ import annotations

from providers.expressions.function_spec import Function, call
from providers.expressions.value_types import NUMERIC, Operand, comparable


def _coalesce(args: list[Operand]) -> Operand:
    import pyarrow as pa

    kinds = {a.kind for a in args} - {"null"}
    if len(kinds) > 1 and not kinds <= NUMERIC:
        raise ValueError(f"coalesce() needs arguments of one kind, not {', '.join(sorted(kinds))}")
    typed = [a.type for a in args if a.kind != "null"]
    target = (pa.float64() if len(kinds) > 1 else typed[0]) if typed else args[0].type
    return Operand(call("coalesce", [a.expression.cast(target) for a in args]), target)


def _nullif(args: list[Operand]) -> Operand:
    import pyarrow as pa
    import pyarrow.compute as pc

    value, other = args
    if not comparable(value.kind, other.kind):
        raise ValueError(f"nullif() cannot compare {value.kind} with {other.kind}")
    same = call("coalesce", [call("equal", [value.expression, other.expression]), pc.scalar(False)])
    return Operand(
        call("if_else", [same, pc.scalar(pa.scalar(None, value.type)), value.expression]), value.type
    )


FUNCTIONS = (
    Function("coalesce", "coalesce(value, ...) -> value", "The first argument that is not null.",
             "coalesce(discount, 0)", "null handling", [None], _coalesce, variadic=True),
    Function("nullif", "nullif(value, other) -> value", "Null where value equals other, else value.",
             "nullif(region, '')", "null handling", [None, None], _nullif),
)  # fmt: skip
