"""Arrow type names a spec may use in ``column_types``, and their pyarrow types.

Checking a name needs no pyarrow, so specs validate without importing it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

SIMPLE_TYPES = frozenset(
    {
        "bool", "boolean",
        "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float16", "float32", "float64", "double",
        "string", "utf8", "large_string", "binary", "large_binary",
        "date32", "date64", "null",
    }
)  # fmt: skip
_UNIT_TYPE = re.compile(r"^(timestamp|duration|time32|time64)\[(s|ms|us|ns)\]$")
_ZONED_TIMESTAMP = re.compile(r"^timestamp\[(s|ms|us|ns),\s*tz=([^\]\s]+)\]$")
_DECIMAL = re.compile(r"^decimal(128|256)?\((\d+),\s*(-?\d+)\)$")
_TIME_UNITS = {"time32": {"s", "ms"}, "time64": {"us", "ns"}}
EXAMPLES = "int64, float64, string, bool, date32, timestamp[us], timestamp[us, tz=UTC], decimal128(18, 2)"


def check_type_name(name: str) -> str:
    """Return ``name`` normalised if it is a supported Arrow type name; raise ``ValueError`` if not."""
    text = name.strip()
    if _ZONED_TIMESTAMP.match(text):
        return text  # the zone name is case-sensitive
    text = text.lower()
    if text in SIMPLE_TYPES:
        return text
    unit = _UNIT_TYPE.match(text)
    if unit and unit.group(2) in _TIME_UNITS.get(unit.group(1), {"s", "ms", "us", "ns"}):
        return text
    decimal = _DECIMAL.match(text)
    if decimal:
        limit = 76 if decimal.group(1) == "256" else 38
        if 1 <= int(decimal.group(2)) <= limit:
            return text
        raise ValueError(f"'{name}': decimal precision must be between 1 and {limit}")
    raise ValueError(f"'{name}' is not an Arrow type name; use one of {EXAMPLES}")


def arrow_type(name: str) -> pa.DataType:
    """The pyarrow type of a name accepted by :func:`check_type_name`."""
    import pyarrow as pa

    text = check_type_name(name)
    zoned = _ZONED_TIMESTAMP.match(text)
    if zoned:
        return pa.timestamp(zoned.group(1), tz=zoned.group(2))
    decimal = _DECIMAL.match(text)
    if decimal:
        make = pa.decimal256 if decimal.group(1) == "256" else pa.decimal128
        return make(int(decimal.group(2)), int(decimal.group(3)))
    return pa.type_for_alias(text)


def arrow_types(names: dict[str, str]) -> dict[str, pa.DataType]:
    """``{column: type name}`` as ``{column: pyarrow type}``."""
    return {column: arrow_type(name) for column, name in names.items()}
