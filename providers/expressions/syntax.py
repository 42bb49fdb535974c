"""The expression tree: plain immutable nodes, each with the span of text it came from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Node:
    """Any node; ``start``/``end`` are offsets into the expression text."""

    start: int
    end: int

    def to_sexpr(self) -> str:
        """A compact, unambiguous rendering for tests and messages: ``(+ a 1)``."""
        raise NotImplementedError


@dataclass(frozen=True)
class Literal(Node):
    """A number, string, boolean or null; ``value`` is ``int``, ``Decimal``, ``str``, ``bool`` or ``None``."""

    value: Any

    def to_sexpr(self) -> str:
        if self.value is None:
            return "null"
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if isinstance(self.value, str):
            return "'" + self.value.replace("'", "''") + "'"
        return str(self.value)


@dataclass(frozen=True)
class Column(Node):
    """A reference to an input column by name."""

    name: str

    def to_sexpr(self) -> str:
        return f"[{self.name}]"


@dataclass(frozen=True)
class Param(Node):
    """``params.name``: a pipeline parameter, bound when the run starts."""

    name: str

    def to_sexpr(self) -> str:
        return f"params.{self.name}"


@dataclass(frozen=True)
class Unary(Node):
    """``-x``, ``+x`` or ``not x``."""

    op: str
    operand: Node

    def to_sexpr(self) -> str:
        return f"({self.op} {self.operand.to_sexpr()})"


@dataclass(frozen=True)
class Binary(Node):
    """Arithmetic (``+ - * / %``), concatenation (``||``), comparison or ``and``/``or``."""

    op: str
    left: Node
    right: Node

    def to_sexpr(self) -> str:
        return f"({self.op} {self.left.to_sexpr()} {self.right.to_sexpr()})"


@dataclass(frozen=True)
class Between(Node):
    """``value [not] between low and high`` (both ends included)."""

    value: Node
    low: Node
    high: Node
    negated: bool = False

    def to_sexpr(self) -> str:
        op = "not-between" if self.negated else "between"
        return f"({op} {self.value.to_sexpr()} {self.low.to_sexpr()} {self.high.to_sexpr()})"


@dataclass(frozen=True)
class InList(Node):
    """``value [not] in (a, b, ...)``."""

    value: Node
    items: tuple[Node, ...]
    negated: bool = False

    def to_sexpr(self) -> str:
        op = "not-in" if self.negated else "in"
        return f"({op} {self.value.to_sexpr()} {' '.join(item.to_sexpr() for item in self.items)})"


@dataclass(frozen=True)
class IsNull(Node):
    """``value is [not] null``."""

    value: Node
    negated: bool = False

    def to_sexpr(self) -> str:
        return f"({'is-not-null' if self.negated else 'is-null'} {self.value.to_sexpr()})"


@dataclass(frozen=True)
class Case(Node):
    """``case when c then v ... [else d] end``; no ``else`` means null."""

    whens: tuple[tuple[Node, Node], ...]
    default: Node | None = None

    def to_sexpr(self) -> str:
        parts = [f"(when {c.to_sexpr()} {v.to_sexpr()})" for c, v in self.whens]
        if self.default is not None:
            parts.append(f"(else {self.default.to_sexpr()})")
        return f"(case {' '.join(parts)})"


@dataclass(frozen=True)
class Call(Node):
    """``name(args...)``: a function of the catalogue (checked later, not here)."""

    name: str
    args: tuple[Node, ...]

    def to_sexpr(self) -> str:
        return f"({self.name}{''.join(' ' + arg.to_sexpr() for arg in self.args)})"


def number(text: str) -> int | Decimal:
    """A numeric literal's value: ``int`` when whole, else an exact ``Decimal``."""
    if any(mark in text for mark in ".eE"):
        return Decimal(text)
    return int(text)
