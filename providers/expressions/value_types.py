"""The kinds of values expressions work on, read from Arrow types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.compute as pc


def kind_of(arrow_type: pa.DataType) -> str:
    """``int``, ``float``, ``decimal``, ``string``, ``bool``, ``date``, ``timestamp``, ``duration``,
    ``time``, ``binary``, ``null`` or ``other``."""
    import pyarrow.types as t

    if t.is_dictionary(arrow_type):
        return kind_of(arrow_type.value_type)
    checks = (
        (t.is_boolean, "bool"),
        (t.is_integer, "int"),
        (t.is_floating, "float"),
        (t.is_decimal, "decimal"),
        (lambda x: t.is_string(x) or t.is_large_string(x), "string"),
        (lambda x: t.is_binary(x) or t.is_large_binary(x), "binary"),
        (t.is_date, "date"),
        (t.is_timestamp, "timestamp"),
        (t.is_duration, "duration"),
        (t.is_time, "time"),
        (t.is_null, "null"),
    )
    return next((kind for check, kind in checks if check(arrow_type)), "other")


NUMERIC = frozenset({"int", "float", "decimal"})
ORDERED = NUMERIC | {"string", "date", "timestamp", "duration", "time", "binary"}


def comparable(left: str, right: str) -> bool:
    """Whether values of the two kinds can be compared (null compares with anything)."""
    if "null" in (left, right):
        return True
    if left in NUMERIC and right in NUMERIC:
        return True
    if {left, right} <= {"date", "timestamp"}:
        return True
    return left == right and left in ORDERED | {"bool"}


def numeric_result(left: pa.DataType, right: pa.DataType) -> pa.DataType:
    """The type of ``left (+-*) right`` for numbers: int64, float64 or a decimal."""
    import pyarrow as pa

    kinds = {kind_of(left), kind_of(right)} - {"null"}
    if "float" in kinds:
        return pa.float64()
    if "decimal" in kinds:
        decimals = [x for x in (left, right) if kind_of(x) == "decimal"]
        scale = max(x.scale for x in decimals)
        return pa.decimal128(38, scale)
    return pa.int64()


NOT_LITERAL = object()


@dataclass(frozen=True)
class Operand:
    """A compiled sub-expression: the Arrow expression, its type, and its value when it is a literal."""

    expression: pc.Expression
    type: pa.DataType
    literal: Any = NOT_LITERAL

    @property
    def kind(self) -> str:
        """The kind of its type (:func:`kind_of`)."""
        return kind_of(self.type)
