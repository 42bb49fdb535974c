"""Parse an expression into a tree (precedence climbing); nothing in the text is ever run.

Precedence, loosest first: ``or``; ``and``; ``not``; comparisons, ``in``, ``between``,
``is null``; ``||``; ``+ -``; ``* / %``; unary ``- +``; calls, literals, names, parentheses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from providers.expressions.errors import ExpressionError
from providers.expressions.syntax import (
    Between,
    Binary,
    Call,
    Case,
    Column,
    InList,
    IsNull,
    Literal,
    Node,
    Param,
    Unary,
    number,
)
from providers.expressions.tokens import Kind, Token, tokenize

MAX_DEPTH = 64
#: Operands of one chain such as ``a + b + c``: the tree is as deep as the chain is long.
MAX_OPERANDS = 256
COMPARISONS = {"=": "=", "==": "=", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_BINARY_LEVELS = (("||",), ("+", "-"), ("*", "/", "%"))


def parse_expression(text: str) -> Node:
    """The tree of ``text``; an :class:`ExpressionError` points at the first problem."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    # -- token helpers ---------------------------------------------------------------------
    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at(self, kind: Kind, *values: str) -> bool:
        return self.token.kind is kind and (not values or self.token.value in values)

    def at_keyword(self, *words: str) -> bool:
        return self.at(Kind.KEYWORD, *words)

    def expect(self, kind: Kind, value: str, why: str) -> Token:
        if not self.at(kind, value):
            raise self.error(f"expected {value!r} {why}, found {self.describe(self.token)}")
        return self.advance()

    def describe(self, token: Token) -> str:
        if token.kind is Kind.END:
            return "the end of the expression"
        return f"{token.kind} {self.text[token.start : token.end]!r}"

    def one_more(self, operands: int) -> int:
        """Step over a chain's operator; refuse chains too long to handle safely."""
        if operands >= MAX_OPERANDS:
            raise self.error(f"more than {MAX_OPERANDS} operands in one chain of {self.token.value!r}")
        self.advance()
        return operands + 1

    def error(self, message: str, token: Token | None = None) -> ExpressionError:
        token = token or self.token
        return ExpressionError(message, token.start, token.end)

    # -- grammar ---------------------------------------------------------------------------
    def parse(self) -> Node:
        if self.at(Kind.END):
            raise self.error("the expression is empty")
        node = self.expression()
        if not self.at(Kind.END):
            raise self.error(f"unexpected {self.describe(self.token)} after a complete expression")
        return node

    @contextmanager
    def nested(self) -> Iterator[None]:
        """One level deeper; refuse nesting beyond :data:`MAX_DEPTH` before Python's recursion limit."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"the expression is nested more than {MAX_DEPTH} levels deep")
        try:
            yield
        finally:
            self.depth -= 1

    def expression(self) -> Node:
        with self.nested():
            return self.disjunction()

    # The levels below repeat their loop rather than share one through a callback: every
    # Python frame per level counts against the recursion limit that MAX_DEPTH stays under.
    def disjunction(self) -> Node:
        node = self.conjunction()
        operands = 1
        while self.at_keyword("or"):
            operands = self.one_more(operands)
            right = self.conjunction()
            node = Binary(node.start, right.end, "or", node, right)
        return node

    def conjunction(self) -> Node:
        node = self.negation()
        operands = 1
        while self.at_keyword("and"):
            operands = self.one_more(operands)
            right = self.negation()
            node = Binary(node.start, right.end, "and", node, right)
        return node

    def negation(self) -> Node:
        if self.at_keyword("not"):
            start = self.advance().start
            with self.nested():
                operand = self.negation()
            return Unary(start, operand.end, "not", operand)
        return self.comparison()

    def comparison(self) -> Node:
        node = self.binary(0)
        if self.at(Kind.OPERATOR, *COMPARISONS):
            op = COMPARISONS[self.advance().value]
            right = self.binary(0)
            node = Binary(node.start, right.end, op, node, right)
            if self.at(Kind.OPERATOR, *COMPARISONS):
                raise self.error("comparisons cannot be chained: join them with 'and'")
            return node
        negated = False
        if self.at_keyword("not") and self.tokens[self.index + 1].value in ("in", "between"):
            self.advance()
            negated = True
        if self.at_keyword("in"):
            return self.in_list(node, negated)
        if self.at_keyword("between"):
            self.advance()
            low = self.binary(0)
            self.expect(Kind.KEYWORD, "and", "between the bounds of 'between'")
            high = self.binary(0)
            return Between(node.start, high.end, node, low, high, negated)
        if self.at_keyword("is"):
            self.advance()
            is_not = self.at_keyword("not")
            if is_not:
                self.advance()
            end = self.expect(Kind.KEYWORD, "null", "after 'is'" + (" not" if is_not else "")).end
            return IsNull(node.start, end, node, is_not)
        return node

    def in_list(self, value: Node, negated: bool) -> Node:
        self.advance()
        self.expect(Kind.OPERATOR, "(", "after 'in'")
        items = [self.expression()]
        while self.at(Kind.OPERATOR, ","):
            self.advance()
            items.append(self.expression())
        end = self.expect(Kind.OPERATOR, ")", "to close the list of 'in'").end
        return InList(value.start, end, value, tuple(items), negated)

    def binary(self, level: int) -> Node:
        if level == len(_BINARY_LEVELS):
            return self.unary()
        node = self.binary(level + 1)
        operands = 1
        while self.at(Kind.OPERATOR, *_BINARY_LEVELS[level]):
            op = self.token.value
            operands = self.one_more(operands)
            right = self.binary(level + 1)
            node = Binary(node.start, right.end, op, node, right)
        return node

    def unary(self) -> Node:
        if self.at(Kind.OPERATOR, "-", "+"):
            token = self.advance()
            with self.nested():
                operand = self.unary()
            return Unary(token.start, operand.end, token.value, operand)
        return self.primary()

    def primary(self) -> Node:
        token = self.token
        if token.kind is Kind.NUMBER:
            self.advance()
            return Literal(token.start, token.end, number(token.value))
        if token.kind is Kind.STRING:
            self.advance()
            return Literal(token.start, token.end, token.value)
        if token.kind is Kind.QUOTED_NAME:
            self.advance()
            return self.no_attribute(Column(token.start, token.end, token.value))
        if self.at_keyword("true", "false", "null"):
            self.advance()
            return Literal(token.start, token.end, {"true": True, "false": False, "null": None}[token.value])
        if self.at_keyword("case"):
            return self.case()
        if self.at(Kind.OPERATOR, "("):
            self.advance()
            node = self.expression()
            self.expect(Kind.OPERATOR, ")", "to close '('")
            return node
        if token.kind is Kind.NAME:
            return self.name()
        raise self.error(f"expected a value, found {self.describe(token)}")

    def name(self) -> Node:
        token = self.advance()
        if token.value.startswith("__"):
            raise self.error(f"names starting with '__' are not allowed: {token.value!r}", token)
        if token.value == "params":
            self.expect(Kind.OPERATOR, ".", "after 'params' (write params.name)")
            name = self.token
            if name.kind is not Kind.NAME:
                raise self.error(f"expected a parameter name after 'params.', found {self.describe(name)}")
            self.advance()
            return self.no_attribute(Param(token.start, name.end, name.value))
        if self.at(Kind.OPERATOR, "("):
            return self.call(token)
        return self.no_attribute(Column(token.start, token.end, token.value))

    def no_attribute(self, node: Node) -> Node:
        if self.at(Kind.OPERATOR, "."):
            raise self.error(
                'attribute access is not allowed; quote a column name that contains a dot: "a.b"'
            )
        return node

    def call(self, name: Token) -> Node:
        self.advance()
        args: list[Node] = []
        if not self.at(Kind.OPERATOR, ")"):
            args.append(self.expression())
            while self.at(Kind.OPERATOR, ","):
                self.advance()
                args.append(self.expression())
        end = self.expect(Kind.OPERATOR, ")", f"to close the call of {name.value}()").end
        return self.no_attribute(Call(name.start, end, name.value.lower(), tuple(args)))

    def case(self) -> Node:
        start = self.advance().start
        whens: list[tuple[Node, Node]] = []
        while self.at_keyword("when"):
            self.advance()
            condition = self.expression()
            self.expect(Kind.KEYWORD, "then", "after the condition of 'when'")
            whens.append((condition, self.expression()))
        if not whens:
            raise self.error("'case' needs at least one 'when ... then ...'")
        default = None
        if self.at_keyword("else"):
            self.advance()
            default = self.expression()
        end = self.expect(Kind.KEYWORD, "end", "to close 'case'").end
        return Case(start, end, tuple(whens), default)
