"""Arrow rows as JSON data: what a browser can show without knowing Arrow."""

from __future__ import annotations

import base64
import datetime
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa


def schema_fields(schema: pa.Schema) -> list[dict[str, str]]:
    """Column names and Arrow type names, as in a ``StagedData`` manifest."""
    return [{"name": field.name, "type": str(field.type)} for field in schema]


def json_records(table: pa.Table) -> list[dict[str, Any]]:
    """The rows of ``table`` as dicts that ``json.dumps`` accepts (see :func:`json_value`)."""
    return [{name: json_value(value) for name, value in row.items()} for row in table.to_pylist()]


def json_value(value: Any) -> Any:
    """A Python value of an Arrow column as JSON data.

    Dates, times and timestamps become ISO 8601 text, durations ISO 8601 durations in
    seconds (``PT90.5S``), decimals text (no precision lost to floats), binary base64 text,
    NaN and infinities the text ``NaN``, ``Infinity``, ``-Infinity``; structs become
    objects, lists and maps (as ``[key, value]`` pairs) arrays.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else _non_finite(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return _iso_duration(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return str(value)


def _non_finite(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def _iso_duration(value: datetime.timedelta) -> str:
    seconds = value.total_seconds()
    sign = "-" if seconds < 0 else ""
    digits = f"{abs(seconds):.6f}".rstrip("0").rstrip(".")
    return f"{sign}PT{digits}S"
