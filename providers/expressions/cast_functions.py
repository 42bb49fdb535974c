"""Conversions between kinds of values; a value that does not convert fails the run, naming it."""

from __future__ import annotations

from providers.expressions.function_spec import Function
from providers.expressions.value_types import Operand


def _cast(type_name: str) -> object:
    def build(args: list[Operand]) -> Operand:
        import pyarrow as pa

        target = {
            "int": pa.int64(),
            "float": pa.float64(),
            "text": pa.string(),
            "timestamp": pa.timestamp("us"),
            "bool": pa.bool_(),
        }[type_name]
        if args[0].literal is not None and isinstance(args[0].literal, str) and type_name != "text":
            try:
                pa.scalar(args[0].literal).cast(target)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                raise ValueError(f"{args[0].literal!r} cannot be read as {type_name}") from None
        return Operand(args[0].expression.cast(target), target)

    return build


FUNCTIONS = tuple(
    Function(
        f"to_{name}", f"to_{name}(value) -> {name}", description, example, "conversion", [None], _cast(name)
    )
    for name, description, example in (
        ("int", "A whole number from text or a number (text that is not one fails the run).", "to_int(code)"),
        ("float", "A floating-point number.", "to_float(amount_text)"),
        ("text", "The value as text.", "to_text(order_id)"),
        ("timestamp", "A timestamp from ISO text.", "to_timestamp('2026-01-31T12:00:00')"),
        ("bool", "true/false from text or a number.", "to_bool(flag_text)"),
    )
)
