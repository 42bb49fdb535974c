"""``--set name=value`` texts converted to the declared type of template parameters."""

import pytest

from dag_factory.cli.parameter_text import value_from_text, values_from_assignments
from dag_factory.templates import TemplateParameter

CONVERSIONS = {
    "string as written": ({"type": "string"}, " 42 ", " 42 "),
    "connection as written": ({"type": "connection"}, "dwh", "dwh"),
    "integer": ({"type": "integer"}, "42", 42),
    "negative integer": ({"type": "integer"}, "-7", -7),
    "decimal is not an integer": ({"type": "integer"}, "2.5", "2.5"),
    "word is not an integer": ({"type": "integer"}, "lots", "lots"),
    "whole number": ({"type": "number"}, "3", 3),
    "decimal number": ({"type": "number"}, "2.5", 2.5),
    "exponent number": ({"type": "number"}, "1e3", 1000.0),
    "infinity is not a number": ({"type": "number"}, "inf", "inf"),
    "true in capitals": ({"type": "boolean"}, "TRUE", True),
    "false": ({"type": "boolean"}, "false", False),
    "yes is not a boolean": ({"type": "boolean"}, "yes", "yes"),
    "comma-separated list": ({"type": "list", "items": "string"}, "a, b", ["a", "b"]),
    "comma-separated integers": ({"type": "list", "items": "integer"}, "1,2", [1, 2]),
    "list of any values stays text": ({"type": "list"}, "1,x", ["1", "x"]),
    "JSON list": ({"type": "list"}, '[1, "x", true]', [1, "x", True]),
    "malformed JSON list stays text": ({"type": "list"}, "[1,", "[1,"),
    "empty list": ({"type": "list"}, "", []),
}


@pytest.mark.parametrize(("declared", "text", "value"), CONVERSIONS.values(), ids=CONVERSIONS)
def test_text_becomes_a_value_of_the_declared_type(declared, text, value):
    converted = value_from_text(TemplateParameter(**declared), text)
    assert converted == value
    assert type(converted) is type(value)


def test_assignments_keep_the_last_value_and_report_malformed_ones():
    parameters = {"rows": TemplateParameter(type="integer")}
    values, issues = values_from_assignments(parameters, ["rows=1", "rows=2", "other=x", "=3", "rows"])
    assert values == {"rows": 2, "other": "x"}
    assert [(issue.location, issue.message) for issue in issues] == [
        ("parameters", "--set '=3' must look like name=value"),
        ("parameters", "--set 'rows' must look like name=value"),
    ]
