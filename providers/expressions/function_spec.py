"""``Function``: one entry of the expression language's function catalogue, and helpers to build one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from providers.expressions.value_types import NOT_LITERAL, Operand

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.compute as pc

TEXT = frozenset({"string"})
TEMPORAL = frozenset({"date", "timestamp"})


@dataclass(frozen=True)
class Function:
    """One function: ``kinds`` lists the accepted kinds per argument (``None``: any)."""

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


class ArgumentError(ValueError):
    """A written argument that is wrong at one character: ``offset`` counts in its decoded text."""

    def __init__(self, message: str, index: int, offset: int) -> None:
        super().__init__(message)
        self.index = index
        self.offset = offset


def call(name: str, args: list[Any], options: Any = None) -> pc.Expression:
    """A ``pyarrow.compute`` kernel call."""
    import pyarrow.compute as pc

    return pc.Expression._call(name, args, options)


def kernel(name: str, result: pa.DataType | None = None) -> Callable[[list[Operand]], Operand]:
    """Build by calling kernel ``name`` on every argument; the result type, or the first argument's."""
    return lambda args: Operand(call(name, [a.expression for a in args]), result or args[0].type)


def written(args: list[Operand], index: int, function: str, kind: type, what: str) -> Any:
    """Argument ``index`` as the value written in the expression (options must be known up front)."""
    value = args[index].literal if index < len(args) else NOT_LITERAL
    if value is NOT_LITERAL or not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        noun = {int: "a whole number", str: "text"}.get(kind, kind.__name__)
        raise ValueError(f"{function}() takes its {what} as {noun} written in the expression")
    return value


def decoded(operand: Operand) -> pc.Expression:
    """The operand's expression, with dictionary-encoded values read as their plain values."""
    import pyarrow as pa

    if pa.types.is_dictionary(operand.type):
        return operand.expression.cast(operand.type.value_type)
    return operand.expression
