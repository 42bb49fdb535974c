"""Properties of the parser on arbitrary text: only ExpressionError, and rendering round-trips."""

from hypothesis import given, settings
from hypothesis import strategies as st

from providers.expressions.errors import ExpressionError
from providers.expressions.parser import parse_expression

TOKENS = st.sampled_from(
    ["a", '"b c"', "params.x", "1", "2.5", "'s'", "null", "true", "+", "-", "*", "/", "%", "||", "=",
     "<", ">=", "!=", "and", "or", "not", "in", "between", "is", "(", ")", ",", "case", "when", "then",
     "else", "end", "f(", ".", "__x", "'"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_only_expression_error(text):
    try:
        node = parse_expression(text)
    except ExpressionError as error:
        assert 0 <= error.start <= len(text)
        assert error.describe(text)
    else:
        assert 0 <= node.start <= node.end <= len(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(TOKENS, max_size=40).map(" ".join))
def test_token_soup_parses_or_raises_only_expression_error(text):
    try:
        parse_expression(text)
    except ExpressionError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=30).map(" ".join))
def test_nothing_in_the_text_is_ever_run(text):
    calls = []
    builtins_import = (
        __builtins__["__import__"] if isinstance(__builtins__, dict) else __builtins__.__import__
    )

    def spy(name, *args, **kwargs):
        calls.append(name)
        return builtins_import(name, *args, **kwargs)

    import builtins

    builtins.__import__ = spy
    try:
        parse_expression(text)
    except ExpressionError:
        pass
    finally:
        builtins.__import__ = builtins_import
    assert calls == []
