"""``ExpressionError``: what is wrong with an expression and where."""

from __future__ import annotations


class ExpressionError(ValueError):
    """An expression that cannot be parsed or checked.

    :param message: What is wrong, in words a spec author can act on.
    :param start: Offset of the first offending character in the expression.
    :param end: Offset just past the offending characters (``start + 1`` at least).
    """

    def __init__(self, message: str, start: int, end: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = max(end if end is not None else start + 1, start + 1)

    def describe(self, text: str) -> str:
        """The message, the expression's line and a caret under the offending characters."""
        line_start = text.rfind("\n", 0, self.start) + 1
        line_end = text.find("\n", self.start)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        column = self.start - line_start
        width = max(1, min(self.end, line_start + len(line)) - self.start)
        return f"{self.message} (at character {self.start + 1})\n  {line}\n  {' ' * column}{'^' * width}"
