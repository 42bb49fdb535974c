"""Encode record batches as JSON Lines with Arrow compute kernels, not a Python loop per row.

Numbers, booleans, strings, decimals, dates and timestamps are turned into
JSON text column by column; other types (lists, structs, times, durations, binary, ...)
and strings holding rare control characters go through Python's ``json`` for that column.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

# JSON string escapes Arrow can apply with plain substring replacement; backslash first.
_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_OTHER_CONTROL = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]"
_NEEDS_ESCAPE = '[\\\\"\\x00-\\x1f]'


def python_json_value(value: Any) -> Any:
    """JSON for the Python values Arrow hands out that ``json`` cannot encode itself."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)  # a JSON number would lose digits in most readers
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _without_non_finite(value: Any) -> Any:
    # JSON has no NaN or infinity; they are written as null.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_without_non_finite(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_non_finite(item) for key, item in value.items()}
    return value


def _python_texts(column: pa.Array) -> pa.Array:
    import pyarrow as pa

    encode = json.JSONEncoder(default=python_json_value, ensure_ascii=False, allow_nan=False).encode
    texts = []
    for value in column.to_pylist():
        try:
            texts.append(encode(value))
        except ValueError:
            texts.append(encode(_without_non_finite(value)))
    return pa.array(texts, pa.string())


def _quoted(texts: pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    return pc.binary_join_element_wise('"', texts, '"', "")


def _json_texts(column: pa.Array) -> pa.Array:
    """One JSON text per value of ``column``; nulls are ``null``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = column.type
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        texts = pc.cast(column, pa.string())
    elif pa.types.is_float32(kind) or pa.types.is_float64(kind):
        texts = pc.cast(column, pa.string())
        # Arrow writes 2.0 as "2"; keep the ".0" so that readers still see a float.
        integral = pc.match_substring_regex(texts, r"^-?\d+$")
        texts = pc.if_else(integral, pc.binary_join_element_wise(texts, ".0", ""), texts)
        texts = pc.if_else(pc.is_finite(column), texts, pa.scalar(None, pa.string()))
    elif pa.types.is_decimal(kind) or pa.types.is_date(kind):
        texts = _quoted(pc.cast(column, pa.string()))
    elif pa.types.is_timestamp(kind):
        # Arrow writes "2026-01-02 03:04:05.123456" (+ "Z" or "+0100" with a zone).
        texts = _quoted(pc.replace_substring(pc.cast(column, pa.string()), " ", "T", max_replacements=1))
    elif pa.types.is_string(kind) or pa.types.is_large_string(kind):
        texts = column
        if pc.any(pc.match_substring_regex(column, _NEEDS_ESCAPE)).as_py():
            if pc.any(pc.match_substring_regex(column, _OTHER_CONTROL)).as_py():
                return _python_texts(column)
            for plain, escaped in _ESCAPES:
                texts = pc.replace_substring(texts, plain, escaped)
        texts = _quoted(texts)
    else:
        return _python_texts(column)
    return pc.fill_null(texts, "null")


def jsonl_bytes(batch: pa.RecordBatch) -> bytes:
    """The rows of ``batch`` as JSON objects, one per line, UTF-8."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if batch.num_rows == 0:
        return b""
    if batch.num_columns == 0:
        return b"{}\n" * batch.num_rows
    parts: list[Any] = []
    for index, (name, column) in enumerate(zip(batch.schema.names, batch.columns, strict=True)):
        parts += [
            ("{" if index == 0 else ",") + json.dumps(name, ensure_ascii=False) + ":",
            _json_texts(column),
        ]
    lines = pc.binary_join_element_wise(*parts, "}\n", "")
    # The lines are contiguous in the array's data buffer: hand that range over as is.
    offsets = np.frombuffer(
        lines.buffers()[1], np.int64 if pa.types.is_large_string(lines.type) else np.int32
    )
    start, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return lines.buffers()[2][start:end].to_pybytes()
