"""JSON functions of the expression language: values read from JSON text by a path (see :mod:`.json_path`).

Text that is not JSON (``NaN`` and ``Infinity`` included), a path that leads nowhere and a
JSON ``null`` all give null, so one malformed row does not fail a run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from providers.expressions.arrow_udfs import BatchFunction, kernel_call
from providers.expressions.function_spec import TEXT, ArgumentError, Function, decoded, written
from providers.expressions.json_path import MISSING, JsonPathError, follow, parse_json_path
from providers.expressions.value_types import Operand

if TYPE_CHECKING:
    import pyarrow as pa


def as_text(value: Any) -> str | None:
    """A JSON value as text: strings as they are, other values as compact JSON."""
    if value is MISSING or value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def as_number(value: Any) -> float | None:
    """A JSON number as a float; anything else (true/false included) as None."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def as_bool(value: Any) -> bool | None:
    """A JSON true/false; anything else as None."""
    return value if isinstance(value, bool) else None


def _extracting(convert: Callable[[Any], Any], out_type: pa.DataType) -> BatchFunction:
    def extract(arguments: Sequence[Any], length: int) -> pa.Array:
        import pyarrow as pa

        documents, path = arguments
        steps = parse_json_path(path[0].as_py())
        values = [None if text is None else convert(follow(text, steps)) for text in documents.to_pylist()]
        return pa.array(values, out_type)

    return extract


def _extractor(name: str, convert: Callable[[Any], Any], result: str) -> Callable[[list[Operand]], Operand]:
    def build(args: list[Operand]) -> Operand:
        import pyarrow as pa
        import pyarrow.compute as pc

        path = written(args, 1, name, str, "path")
        try:
            parse_json_path(path)
        except JsonPathError as error:
            raise ArgumentError(f"{name}(): {error}", 1, error.offset) from None
        out_type = {"text": pa.string(), "float": pa.float64(), "bool": pa.bool_()}[result]
        in_types = {"document": pa.string(), "path": pa.string()}
        expression = kernel_call(name, _extracting(convert, out_type), in_types, out_type,
                                 f"JSON value at a path, as {result}",
                                 [decoded(args[0]).cast(pa.string()), pc.scalar(path)])  # fmt: skip
        return Operand(expression, out_type)

    return build


def _validity(arguments: Sequence[Any], length: int) -> pa.Array:
    import pyarrow as pa

    return pa.array([None if text is None else follow(text, ()) is not MISSING
                     for text in arguments[0].to_pylist()], pa.bool_())  # fmt: skip


def _json_valid(args: list[Operand]) -> Operand:
    import pyarrow as pa

    expression = kernel_call("json_valid", _validity, {"document": pa.string()}, pa.bool_(),
                             "Whether text is JSON", [decoded(args[0]).cast(pa.string())])  # fmt: skip
    return Operand(expression, pa.bool_())


FUNCTIONS = (
    Function("json_extract", "json_extract(text, path) -> text",
             "The value at the path ($.key, [\"key\"], [index]) of JSON text: a string as it is, "
             "anything else as compact JSON; null if missing, JSON null or not JSON.",
             "json_extract('{\"tags\": [\"new\", \"gift\"]}', '$.tags[1]')", "json", [TEXT, TEXT],
             _extractor("json_extract", as_text, "text")),
    Function("json_extract_number", "json_extract_number(text, path) -> float",
             "The number at the path of JSON text; null if it is not a number or not there.",
             "json_extract_number('{\"total\": 12.5}', '$.total')", "json", [TEXT, TEXT],
             _extractor("json_extract_number", as_number, "float")),
    Function("json_extract_bool", "json_extract_bool(text, path) -> bool",
             "The true/false at the path of JSON text; null if it is not one or not there.",
             "json_extract_bool('{\"gift\": true}', '$.gift')", "json", [TEXT, TEXT],
             _extractor("json_extract_bool", as_bool, "bool")),
    Function("json_valid", "json_valid(text) -> bool", "Whether the text is JSON (NaN and Infinity are not).",
             "json_valid('{\"a\": 1}')", "json", [TEXT], _json_valid),
)  # fmt: skip
