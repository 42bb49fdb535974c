"""Type names ``transform.cast`` accepts: Arrow names plus the SQL and expression-language words.

Arrow names (``int64``, ``timestamp[us, tz=UTC]``, ``decimal128(18, 2)``) are those of
:mod:`providers.files.column_types`; the words users also write are mapped onto them. ``int``,
``float``, ``text``, ``bool`` and ``timestamp`` mean what the expression language's ``to_int()``,
``to_float()``... give. Checking a name needs no pyarrow, so specs validate without importing it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, Field

from providers.files.column_types import EXAMPLES, arrow_type, check_type_name

if TYPE_CHECKING:
    import pyarrow as pa

ALIASES = {
    "int": "int64",
    "integer": "int64",
    "bigint": "int64",
    "smallint": "int16",
    "tinyint": "int8",
    "float": "float64",
    "double precision": "float64",
    "real": "float32",
    "text": "string",
    "varchar": "string",
    "date": "date32",
    "datetime": "timestamp[us]",
    "timestamp": "timestamp[us]",
}
_ZONE_ONLY = re.compile(r"^timestamp\[\s*tz=([^\]\s]+)\s*\]$", re.IGNORECASE)
_NUMERIC = re.compile(r"^numeric\((.*)\)$", re.IGNORECASE)


def check_cast_type(name: str) -> str:
    """``name`` as an Arrow type name of :mod:`providers.files.column_types`; ``ValueError`` if unknown."""
    text = " ".join(name.split())
    zoned = _ZONE_ONLY.match(text)
    if zoned:
        return f"timestamp[us, tz={zoned.group(1)}]"
    numeric = _NUMERIC.match(text)
    if numeric:
        text = f"decimal({numeric.group(1)})"
    try:
        return check_type_name(ALIASES.get(text.lower(), text))
    except ValueError:
        words = ", ".join(ALIASES)
        raise ValueError(
            f"'{name}' is not a type name; use an Arrow name ({EXAMPLES}) or one of {words}"
        ) from None


def cast_arrow_type(name: str) -> pa.DataType:
    """The pyarrow type of a name accepted by :func:`check_cast_type`."""
    return arrow_type(check_cast_type(name))


CastTypeName = Annotated[
    str,
    AfterValidator(check_cast_type),
    Field(
        description=(
            "An Arrow type name (int64, float64, string, bool, date32, timestamp[us], "
            "timestamp[us, tz=UTC], decimal128(18, 2)) or int, integer, bigint, float, double, "
            "real, text, boolean, date, timestamp, timestamp[tz=UTC], decimal(p, s), numeric(p, s)."
        ),
        examples=["int64", "decimal(18, 2)", "timestamp[tz=UTC]"],
    ),
]
