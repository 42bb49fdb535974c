"""Compiled expressions on Arrow data, each checked against the same rule computed in plain Python."""

import datetime as dt
import math
import re

import pyarrow as pa
import pytest

from providers.expressions.compiler import compile_expression, evaluate
from providers.expressions.errors import ExpressionError
from providers.expressions.functions import catalogue

ROWS = [
    {"a": 1, "b": 0, "name": "x", "price": 1.5, "day": dt.date(2024, 1, 1), "flag": True, "code": "12"},
    {"a": 2, "b": 2, "name": "Yo-yo", "price": 2.25, "day": dt.date(2024, 1, 2), "flag": False, "code": "7"},
    {"a": None, "b": 3, "name": None, "price": None, "day": None, "flag": None, "code": None},
    {"a": -7, "b": 3, "name": " z ", "price": 10.0, "day": dt.date(2024, 2, 29), "flag": True, "code": "-3"},
]
TABLE = pa.Table.from_pylist(ROWS, schema=pa.schema([
    ("a", pa.int64()), ("b", pa.int64()), ("name", pa.string()), ("price", pa.float64()),
    ("day", pa.date32()), ("flag", pa.bool_()), ("code", pa.string()),
]))  # fmt: skip
PARAMS = {"limit": 2, "label": "n"}


def _and(x, y):
    if x is False or y is False:
        return False
    return None if x is None or y is None else True


def _none_if(*values):
    return any(v is None for v in values)


CASES = [
    ("a + b", lambda r: None if _none_if(r["a"]) else r["a"] + r["b"]),
    ("a * b - 1", lambda r: None if _none_if(r["a"]) else r["a"] * r["b"] - 1),
    ("a / b", lambda r: None if _none_if(r["a"]) or r["b"] == 0 else r["a"] / r["b"]),
    ("a % b", lambda r: None if _none_if(r["a"]) or r["b"] == 0 else r["a"] % r["b"]),
    ("price * 2 + a", lambda r: None if _none_if(r["price"]) else r["price"] * 2 + r["a"]),
    ("a > params.limit", lambda r: None if _none_if(r["a"]) else r["a"] > PARAMS["limit"]),
    ("flag and a > 0", lambda r: _and(r["flag"], None if r["a"] is None else r["a"] > 0)),
    ("not flag", lambda r: None if r["flag"] is None else not r["flag"]),
    ("name || params.label", lambda r: None if r["name"] is None else r["name"] + PARAMS["label"]),
    ("upper(trim(name))", lambda r: None if r["name"] is None else r["name"].strip().upper()),
    ("length(name)", lambda r: None if r["name"] is None else len(r["name"])),
    ("a in (1, -7)", lambda r: None if r["a"] is None else r["a"] in (1, -7)),
    ("a not in (1)", lambda r: None if r["a"] is None else r["a"] not in (1,)),
    ("b between 1 and 2", lambda r: 1 <= r["b"] <= 2),
    ("a is null", lambda r: r["a"] is None),
    ("name is not null", lambda r: r["name"] is not None),
    ("day >= '2024-01-02'", lambda r: None if r["day"] is None else r["day"] >= dt.date(2024, 1, 2)),
    ("coalesce(a, b)", lambda r: r["a"] if r["a"] is not None else r["b"]),
    ("abs(a)", lambda r: None if r["a"] is None else abs(r["a"])),
    ("round(price, 1)", lambda r: None if r["price"] is None else round(r["price"], 1)),
    ("floor(price / 2)", lambda r: None if r["price"] is None else math.floor(r["price"] / 2)),
    (
        "case when a > 1 then 'big' when a = 1 then 'one' else 'other' end",
        lambda r: "big" if r["a"] is not None and r["a"] > 1 else "one" if r["a"] == 1 else "other",
    ),
    ("case when flag then price end", lambda r: r["price"] if r["flag"] else None),
    ("substr(name, 2, 3)", lambda r: None if r["name"] is None else r["name"][1:4]),
    ("substr(name, 2)", lambda r: None if r["name"] is None else r["name"][1:]),
    ("starts_with(name, 'Yo')", lambda r: None if r["name"] is None else r["name"].startswith("Yo")),
    ("contains(name, 'o-y')", lambda r: None if r["name"] is None else "o-y" in r["name"]),
    ("replace(name, 'o', '0')", lambda r: None if r["name"] is None else r["name"].replace("o", "0")),
    (
        "regex_match(name, '^[a-z]$')",
        lambda r: None if r["name"] is None else bool(re.match("^[a-z]$", r["name"])),
    ),
    (
        "regex_replace(name, '[aeiou]', '_')",
        lambda r: None if r["name"] is None else re.sub("[aeiou]", "_", r["name"]),
    ),
    ("sqrt(b)", lambda r: math.sqrt(r["b"])),
    ("power(b, 2)", lambda r: float(r["b"] ** 2)),
    ("greatest(a, b)", lambda r: r["b"] if r["a"] is None else max(r["a"], r["b"])),
    ("least(a, b, 1)", lambda r: min(x for x in (r["a"], r["b"], 1) if x is not None)),
    (
        "year(day) * 100 + month(day)",
        lambda r: None if r["day"] is None else r["day"].year * 100 + r["day"].month,
    ),
    ("day_of_week(day)", lambda r: None if r["day"] is None else r["day"].weekday()),
    ("date_trunc(day, 'month')", lambda r: None if r["day"] is None else r["day"].replace(day=1)),
    (
        "days_between(day, to_date('2024-03-01'))",
        lambda r: None if r["day"] is None else (dt.date(2024, 3, 1) - r["day"]).days,
    ),
    ("to_int(code) + 1", lambda r: None if r["code"] is None else int(r["code"]) + 1),
    ("to_text(a) || '!'", lambda r: None if r["a"] is None else f"{r['a']}!"),
    ("to_date('2024-01-02') = day", lambda r: None if r["day"] is None else r["day"] == dt.date(2024, 1, 2)),
    ("nullif(b, 3)", lambda r: None if r["b"] == 3 else r["b"]),
]


@pytest.mark.parametrize(("text", "reference"), CASES, ids=[c[0] for c in CASES])
def test_expression_values_match_the_reference(text, reference):
    compiled = compile_expression(text, TABLE.schema, PARAMS)
    assert evaluate(compiled, TABLE).to_pylist() == [reference(row) for row in ROWS]


def test_compiled_expression_knows_its_type_and_columns():
    compiled = compile_expression("price * a > params.limit", TABLE.schema, PARAMS)
    assert compiled.type == pa.bool_() and compiled.columns == {"price", "a"}
    assert compile_expression("a / b", TABLE.schema).type == pa.float64()
    assert compile_expression("a % b", TABLE.schema).type == pa.int64()


ERRORS = [
    ("prize > 1", "unknown column 'prize' (did you mean 'price'?)", 0, 5),
    ("a + name", "'+' needs decimal or float or int, not string", 4, 8),
    ("name > 1", "cannot compare string (string) with int (int64)", 0, 8),
    ("uper(name)", "unknown function uper() (did you mean 'upper'?)", 0, 10),
    ("upper(a)", "argument 1 of upper() needs string, not int", 6, 7),
    ("upper(name, name)", "upper(text) -> text: got 2 argument(s)", 0, 17),
    ("round(price, b)", "round() takes its digits as a whole number", 0, 15),
    ("a in (b)", "'in' lists hold literals and parameters only", 6, 7),
    ("day > 'someday'", "'someday' is not a date", 0, 15),
    ("params.limt > 1", "unknown parameter 'limt' (did you mean 'limit'?)", 0, 11),
    ("case when a then 1 end", "'when' needs bool, not int", 10, 11),
    ("case when flag then 1 else 'x' end", "'case' branches give different kinds: int, string", 0, 34),
    ("not a", "'not' needs bool, not int", 4, 5),
    ("substr(name, 0)", "substr() counts from 1", 0, 15),
    ("substr(name, a)", "substr() takes its start as a whole number written in the expression", 0, 15),
    ("date_trunc(day, 'fortnight')", "date_trunc() unit must be one of year, quarter", 0, 28),
    ("to_int('abc')", "'abc' cannot be read as int", 0, 13),
    ("regex_match(name, code)", "regex_match() takes its pattern as text written in the expression", 0, 23),
]


@pytest.mark.parametrize(("text", "message", "start", "end"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_are_found_before_any_data_and_point_at_the_node(text, message, start, end):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, TABLE.schema, PARAMS)
    assert message in caught.value.message
    assert (caught.value.start, caught.value.end) == (start, end)


def test_the_function_catalogue_is_data_with_an_example_that_compiles():
    entries = catalogue()
    assert {"name", "signature", "description", "example", "category"} <= set(entries[0])
    schema = pa.schema(
        [(c, pa.float64()) for c in ("delta", "price", "discount")]
        + [(c, pa.string()) for c in ("region", "email", "name", "sku", "code", "amount_text", "flag_text",
                                      "phone")]
        + [("order_id", pa.int64()), ("day", pa.date32())]
        + [(c, pa.timestamp("us")) for c in ("created_at", "ordered_at", "shipped_at")]
    )  # fmt: skip
    for entry in entries:
        assert compile_expression(entry["example"], schema).type is not None, entry["name"]


def test_the_documented_function_table_is_the_catalogue():
    from pathlib import Path

    from providers.expressions.reference import update_document

    document = Path(__file__).resolve().parents[4] / "docs" / "expressions.md"
    text = document.read_text()
    assert update_document(text) == text, "run `make docs` to regenerate docs/expressions.md"
    assert "`upper(text) -> text`" in text
