"""Parsing expressions: precedence and every construct, table-driven; errors point at the characters."""

import pytest

from providers.expressions.errors import ExpressionError
from providers.expressions.parser import MAX_DEPTH, MAX_OPERANDS, parse_expression

PARSED = [
    ("1", "1"),
    ("1.50", "1.50"),
    ("2e3", "2E+3"),
    ("'it''s'", "'it''s'"),
    ("true or false", "(or true false)"),
    ("null", "null"),
    ("amount", "[amount]"),
    ('"Order ID"', "[Order ID]"),
    ('"say ""hi"""', '[say "hi"]'),
    ("params.min_amount", "params.min_amount"),
    ("a + b * c", "(+ [a] (* [b] [c]))"),
    ("(a + b) * c", "(* (+ [a] [b]) [c])"),
    ("a - b - c", "(- (- [a] [b]) [c])"),
    ("a / b % c", "(% (/ [a] [b]) [c])"),
    ("-a * -2", "(* (- [a]) (- 2))"),
    ("first || ' ' || last", "(|| (|| [first] ' ') [last])"),
    ("a || b = c", "(= (|| [a] [b]) [c])"),
    ("a == 1", "(= [a] 1)"),
    ("a <> 1 and b != 2", "(and (!= [a] 1) (!= [b] 2))"),
    ("a <= 1 or b >= 2 and c < 3", "(or (<= [a] 1) (and (>= [b] 2) (< [c] 3)))"),
    ("not a = 1", "(not (= [a] 1))"),
    ("not not flag", "(not (not [flag]))"),
    ("region in ('EU', 'US')", "(in [region] 'EU' 'US')"),
    ("region not in ('EU')", "(not-in [region] 'EU')"),
    ("x between 1 and 10 and y", "(and (between [x] 1 10) [y])"),
    ("x not between a + 1 and b", "(not-between [x] (+ [a] 1) [b])"),
    ("x is null or y is not null", "(or (is-null [x]) (is-not-null [y]))"),
    (
        "case when a > 0 then 'pos' when a < 0 then 'neg' end",
        "(case (when (> [a] 0) 'pos') (when (< [a] 0) 'neg'))",
    ),
    ("CASE WHEN a THEN 1 ELSE 0 END", "(case (when [a] 1) (else 0))"),
    ("coalesce(a, 0) + LENGTH(name)", "(+ (coalesce [a] 0) (length [name]))"),
    ("now()", "(now)"),
    ("round(price * 1.2, 2) > params.limit", "(> (round (* [price] 1.2) 2) params.limit)"),
]


@pytest.mark.parametrize(("text", "tree"), PARSED)
def test_expressions_parse_with_sql_precedence(text, tree):
    assert parse_expression(text).to_sexpr() == tree


def test_nodes_keep_the_span_of_their_text():
    text = "price * 2 > params.limit"
    node = parse_expression(text)
    assert text[node.start : node.end] == text
    assert text[node.left.start : node.left.end] == "price * 2"
    assert text[node.right.start : node.right.end] == "params.limit"


ERRORS = [
    ("", "the expression is empty", 0),
    ("a +", "expected a value, found the end of the expression", 3),
    ("a b", "unexpected name 'b' after a complete expression", 2),
    ("os.system('x')", "attribute access is not allowed", 2),
    ("params.x.y", "attribute access is not allowed", 8),
    ("params", "expected '.' after 'params'", 6),
    ("params.'x'", "expected a parameter name after 'params.'", 7),
    ("__import__('os')", "names starting with '__' are not allowed", 0),
    ("'open", "string is not closed", 0),
    ('"open', "quoted name is not closed", 0),
    ('""', "a quoted column name cannot be empty", 0),
    ("a ~ b", "unexpected character '~'", 2),
    ("a < b < c", "comparisons cannot be chained", 6),
    ("a in 1", "expected '(' after 'in'", 5),
    ("a in (1, 2", "expected ')' to close the list of 'in'", 10),
    ("a between 1 or 2", "expected 'and' between the bounds of 'between'", 12),
    ("a is 1", "expected 'null' after 'is'", 5),
    ("case end", "'case' needs at least one 'when ... then ...'", 5),
    ("case when a 1 end", "expected 'then' after the condition of 'when'", 12),
    ("case when a then 1", "expected 'end' to close 'case'", 18),
    ("f(a, ", "expected a value, found the end of the expression", 5),
    ("(a", "expected ')' to close '('", 2),
]


@pytest.mark.parametrize(("text", "message", "position"), ERRORS)
def test_bad_expressions_name_the_problem_and_its_position(text, message, position):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert message in caught.value.message
    assert caught.value.start == position


def test_describe_puts_a_caret_under_the_offending_characters():
    text = "amount > 10 and region ~ 'EU'"
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert caught.value.describe(text).splitlines() == [
        "unexpected character '~' (at character 24)",
        f"  {text}",
        "  " + " " * 23 + "^",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1),
        "-" * (MAX_DEPTH + 1) + "1",
        "not " * (MAX_DEPTH + 1) + "a",
        "f(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1),
    ],
)
def test_nesting_is_bounded_before_python_recursion_is(text):
    with pytest.raises(ExpressionError, match=f"nested more than {MAX_DEPTH} levels"):
        parse_expression(text)


def test_long_chains_and_long_texts_are_refused():
    assert parse_expression(" + ".join(["a"] * MAX_OPERANDS)).to_sexpr().count("[a]") == MAX_OPERANDS
    with pytest.raises(ExpressionError, match=f"more than {MAX_OPERANDS} operands"):
        parse_expression(" and ".join(["a"] * (MAX_OPERANDS + 1)))
    with pytest.raises(ExpressionError, match="longer than 10000 characters"):
        parse_expression("a" * 10_001)
