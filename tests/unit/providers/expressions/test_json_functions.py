"""JSON functions against paths followed by hand over ``json.loads``; path errors point at their character."""

import json

import pyarrow as pa
import pytest

from providers.expressions.compiler import compile_expression, evaluate
from providers.expressions.errors import ExpressionError
from providers.expressions.json_path import JsonPathError, parse_json_path

DOCUMENTS = [
    '{"a": {"b": [10, 2.5, "x"]}, "ok": true, "name": "Zoë", "nothing": null, "odd key": {"it\'s": 1}}',
    '{"a": {"b": []}, "ok": false, "name": 7, "list": [{"k": "v"}, [1, 2]]}',
    '[1, {"a": 2}]',
    '"just text"',
    "not json",
    '{"a": NaN}',
    "",
    None,
]
TABLE = pa.table({"doc": pa.array(DOCUMENTS, pa.string())})


def walk(document, steps):
    """The value at ``steps`` by hand; KeyError when it is not there or the text is not JSON."""
    try:
        value = json.loads(document, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
    except ValueError:
        raise KeyError("not json") from None
    for step in steps:
        if isinstance(step, int) and isinstance(value, list) and -len(value) <= step < len(value):
            value = value[step]
        elif isinstance(step, str) and isinstance(value, dict):
            value = value[step]
        else:
            raise KeyError(step)
    return value


def expected(document, steps, convert):
    if document is None:
        return None
    try:
        return convert(walk(document, steps))
    except KeyError:
        return None


def text(value):
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def number(value):
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def boolean(value):
    return value if isinstance(value, bool) else None


PATHS = [
    ("$", ()),
    ("$.a", ("a",)),
    ("$.a.b", ("a", "b")),
    ("$.a.b[0]", ("a", "b", 0)),
    ("$.a.b[1]", ("a", "b", 1)),
    ("$.a.b[-1]", ("a", "b", -1)),
    ("$.a.b[3]", ("a", "b", 3)),
    ("$.ok", ("ok",)),
    ("$.name", ("name",)),
    ("$.nothing", ("nothing",)),
    ("$.missing.deeper", ("missing", "deeper")),
    ("$[1].a", (1, "a")),
    ("$[0]", (0,)),
    ("$.list[0].k", ("list", 0, "k")),
    ("$.list[1]", ("list", 1)),
    ("$[\"odd key\"][\"it''s\"]", ("odd key", "it's")),
    ("$[''name'']", ("name",)),
]


@pytest.mark.parametrize(("path", "steps"), PATHS)
def test_path_parses_to_its_steps(path, steps):
    assert parse_json_path(path.replace("''", "'")) == steps


@pytest.mark.parametrize(("path", "steps"), PATHS)
@pytest.mark.parametrize(
    ("function", "convert"),
    [("json_extract", text), ("json_extract_number", number), ("json_extract_bool", boolean)],
)
def test_extract_matches_json_loads(function, convert, path, steps):
    values = evaluate(compile_expression(f"{function}(doc, '{path}')", TABLE.schema), TABLE).to_pylist()
    assert values == [expected(document, steps, convert) for document in DOCUMENTS]


def test_extract_gives_null_for_text_that_is_not_json_and_for_json_null():
    values = evaluate(compile_expression("json_extract(doc, '$.a')", TABLE.schema), TABLE).to_pylist()
    assert values[4:] == [None, None, None, None]
    compiled = compile_expression("json_extract(doc, '$.nothing')", TABLE.schema)
    assert evaluate(compiled, TABLE)[0].as_py() is None


def test_json_valid_follows_json_loads_without_nan():
    values = evaluate(compile_expression("json_valid(doc)", TABLE.schema), TABLE).to_pylist()
    assert values == [True, True, True, True, False, False, False, None]


def test_extract_reads_large_and_dictionary_text():
    table = pa.table({
        "large": pa.array(DOCUMENTS, pa.large_string()),
        "coded": pa.array(DOCUMENTS).dictionary_encode(),
    })  # fmt: skip
    want = [expected(document, ("a", "b", 0), text) for document in DOCUMENTS]
    for column in ("large", "coded"):
        compiled = compile_expression(f"json_extract({column}, '$.a.b[0]')", table.schema)
        assert evaluate(compiled, table).to_pylist() == want


def test_a_path_from_params_is_a_written_value():
    params = {"where": "$.a.b[1]"}
    compiled = compile_expression("json_extract_number(doc, params.where)", TABLE.schema, params)
    assert evaluate(compiled, TABLE).to_pylist()[0] == 2.5


@pytest.mark.parametrize(
    ("expression", "message", "from_bad_character"),
    [
        ("json_extract(doc, 'a.b')", "a JSON path starts with '$'", "a.b')"),
        ("json_extract(doc, '$.a..b')", "expected a key after '.' in the JSON path, not '.'", ".b')"),
        ("json_extract(doc, '$.a[x]')", "expected an index or a quoted key after '['", "x]')"),
        ("json_extract(doc, '$.a[1')", "expected ']' in the JSON path, not the end", "')"),
        ("json_extract(doc, '$[\"it''s\"]x')", "expected '.' or '[' in the JSON path, not 'x'", "x')"),
        ("json_extract_bool(doc, '$[\"a]')", "the quoted key is not closed", "\"a]')"),
        ("json_extract_number(doc, '$.a b')", "expected '.' or '[' in the JSON path, not ' '", " b')"),
    ],
)
def test_a_bad_path_is_refused_when_compiling_with_a_caret_under_its_character(
    expression, message, from_bad_character
):
    with pytest.raises(ExpressionError) as raised:
        compile_expression(expression, TABLE.schema)
    position = len(expression) - len(from_bad_character)
    assert message in raised.value.message
    assert raised.value.start == position
    assert raised.value.describe(expression).splitlines()[-1] == "  " + " " * position + "^"


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("json_extract(doc, doc)", "json_extract() takes its path as text written in the expression"),
        ("json_extract(doc)", "json_extract(text, path) -> text: got 1 argument(s)"),
        ("json_extract(1, '$')", "argument 1 of json_extract() needs string, not int"),
        ("json_valid(docs)", "unknown column 'docs' (did you mean 'doc'?)"),
    ],
)
def test_bad_calls_name_the_problem(expression, message):
    with pytest.raises(ExpressionError) as raised:
        compile_expression(expression, TABLE.schema)
    assert message in str(raised.value)


def test_path_errors_carry_the_offset_in_the_path():
    with pytest.raises(JsonPathError) as raised:
        parse_json_path("$.a[-]")
    assert raised.value.offset == 5
