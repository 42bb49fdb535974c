"""Text functions of the expression language."""

from __future__ import annotations

from providers.expressions.function_spec import TEXT, Function, call, kernel, written
from providers.expressions.value_types import Operand

INT = frozenset({"int"})


def _length(args: list[Operand]) -> Operand:
    import pyarrow as pa

    return Operand(call("utf8_length", [args[0].expression]).cast(pa.int64()), pa.int64())


def _substr(args: list[Operand]) -> Operand:
    import pyarrow.compute as pc

    start = written(args, 1, "substr", int, "start")
    if start < 1:
        raise ValueError("substr() counts from 1: its start must be 1 or more")
    length = written(args, 2, "substr", int, "length") if len(args) > 2 else None
    stop = None if length is None else start - 1 + max(length, 0)
    options = pc.SliceOptions(start=start - 1, stop=stop)
    return Operand(call("utf8_slice_codeunits", [args[0].expression], options), args[0].type)


def _matching(name: str, kernel_name: str, what: str) -> object:
    def build(args: list[Operand]) -> Operand:
        import pyarrow as pa
        import pyarrow.compute as pc

        pattern = written(args, 1, name, str, what)
        return Operand(call(kernel_name, [args[0].expression], pc.MatchSubstringOptions(pattern)), pa.bool_())

    return build


def _replace(regex: bool) -> object:
    def build(args: list[Operand]) -> Operand:
        import pyarrow.compute as pc

        name = "regex_replace" if regex else "replace"
        pattern = written(args, 1, name, str, "pattern")
        replacement = written(args, 2, name, str, "replacement")
        kernel_name = "replace_substring_regex" if regex else "replace_substring"
        options = pc.ReplaceSubstringOptions(pattern, replacement)
        return Operand(call(kernel_name, [args[0].expression], options), args[0].type)

    return build


FUNCTIONS = (
    Function("upper", "upper(text) -> text", "Upper-case letters.", "upper(region)", "text",
             [TEXT], kernel("utf8_upper")),
    Function("lower", "lower(text) -> text", "Lower-case letters.", "lower(email)", "text",
             [TEXT], kernel("utf8_lower")),
    Function("trim", "trim(text) -> text", "Remove white space at both ends.", "trim(name)", "text",
             [TEXT], kernel("utf8_trim_whitespace")),
    Function("length", "length(text) -> int", "Number of characters.", "length(sku)", "text",
             [TEXT], _length),
    Function("substr", "substr(text, start[, length]) -> text", "Characters from start (1 is the first).",
             "substr(sku, 1, 3)", "text", [TEXT, INT, INT], _substr, optional=1),
    Function("starts_with", "starts_with(text, prefix) -> bool", "Whether the text begins with prefix.",
             "starts_with(sku, 'A-')", "text", [TEXT, TEXT],
             _matching("starts_with", "starts_with", "prefix")),
    Function("ends_with", "ends_with(text, suffix) -> bool", "Whether the text ends with suffix.",
             "ends_with(email, '.org')", "text", [TEXT, TEXT], _matching("ends_with", "ends_with", "suffix")),
    Function("contains", "contains(text, part) -> bool", "Whether part occurs in the text.",
             "contains(name, 'Ltd')", "text", [TEXT, TEXT], _matching("contains", "match_substring", "part")),
    Function("replace", "replace(text, part, with) -> text", "Replace every occurrence of part.",
             "replace(sku, '-', '')", "text", [TEXT, TEXT, TEXT], _replace(regex=False)),
    Function("regex_match", "regex_match(text, pattern) -> bool", "Whether the RE2 pattern matches.",
             "regex_match(email, '^[^@]+@example[.]com$')", "regex", [TEXT, TEXT],
             _matching("regex_match", "match_substring_regex", "pattern")),
    Function("regex_replace", "regex_replace(text, pattern, with) -> text",
             "Replace every match of the RE2 pattern (\\\\1 refers to a group).",
             "regex_replace(phone, '[^0-9]', '')", "regex", [TEXT, TEXT, TEXT], _replace(regex=True)),
)  # fmt: skip
