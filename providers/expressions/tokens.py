"""Split an expression into tokens: numbers, strings, names, quoted names, operators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from providers.expressions.errors import ExpressionError

MAX_LENGTH = 10_000
KEYWORDS = frozenset("and or not in between is null true false case when then else end".split())


class Kind(StrEnum):
    """What a token is."""

    NUMBER = "number"
    STRING = "string"
    NAME = "name"
    QUOTED_NAME = "quoted name"
    KEYWORD = "keyword"
    OPERATOR = "operator"
    END = "end of expression"


@dataclass(frozen=True)
class Token:
    """One token and where it is: ``text[start:end]``; ``value`` is the decoded text."""

    kind: Kind
    value: str
    start: int
    end: int


_OPERATORS = ("<=", ">=", "<>", "!=", "==", "||", "+", "-", "*", "/", "%", "(", ")", ",", ".", "=", "<", ">")
_NUMBER = re.compile(r"(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``END`` token."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression is longer than {MAX_LENGTH} characters", MAX_LENGTH, len(text))
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
            continue
        if char in "'\"":
            token = _quoted(text, position)
        elif number := _NUMBER.match(text, position):
            token = Token(Kind.NUMBER, number.group(), position, number.end())
        elif name := _NAME.match(text, position):
            word = name.group()
            kind = Kind.KEYWORD if word.lower() in KEYWORDS else Kind.NAME
            token = Token(kind, word.lower() if kind is Kind.KEYWORD else word, position, name.end())
        else:
            operator = next((op for op in _OPERATORS if text.startswith(op, position)), None)
            if operator is None:
                raise ExpressionError(f"unexpected character {char!r}", position)
            token = Token(Kind.OPERATOR, operator, position, position + len(operator))
        tokens.append(token)
        position = token.end
    tokens.append(Token(Kind.END, "", len(text), len(text)))
    return tokens


def _quoted(text: str, start: int) -> Token:
    """A 'string' or a "quoted name"; the quote is doubled to include it."""
    quote = text[start]
    parts: list[str] = []
    position = start + 1
    while True:
        close = text.find(quote, position)
        if close == -1:
            what = "string" if quote == "'" else "quoted name"
            raise ExpressionError(f"{what} is not closed: add {quote}", start, len(text))
        parts.append(text[position:close])
        if text.startswith(quote, close + 1):
            parts.append(quote)
            position = close + 2
            continue
        kind = Kind.STRING if quote == "'" else Kind.QUOTED_NAME
        value = "".join(parts)
        if kind is Kind.QUOTED_NAME and not value:
            raise ExpressionError("a quoted column name cannot be empty", start, close + 1)
        return Token(kind, value, start, close + 1)
