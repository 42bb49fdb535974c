"""Typed spec errors that carry the spec path and, for files, the line and column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

PathPart = str | int
SpecPath = tuple[PathPart, ...]


def format_path(path: Sequence[PathPart]) -> str:
    """Render a path tuple the way users read it: ``nodes[2].config.keys``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class SpecIssue:
    """One problem in a spec: where it is and what to do about it."""

    path: SpecPath
    message: str
    line: int | None = None
    column: int | None = None
    on_key: bool = False
    """The issue is about the key at ``path`` itself (e.g. an unknown key), not its value."""

    @property
    def location(self) -> str:
        """The dotted spec path, or ``<spec>`` for the document itself."""
        return format_path(self.path) or "<spec>"

    def at(self, line: int | None, column: int | None) -> SpecIssue:
        """Return a copy placed at a line and column of the source file."""
        return replace(self, line=line, column=column)

    def format(self, source: str | None = None) -> str:
        """Format as ``file:line:col: path: message`` (parts that are unknown are left out)."""
        prefix = ""
        if source:
            prefix = source
            if self.line is not None:
                prefix += f":{self.line}"
                if self.column is not None:
                    prefix += f":{self.column}"
            prefix += ": "
        return f"{prefix}{self.location}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-friendly form, for the API and the UI."""
        return {
            "path": self.location,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }


class SpecError(ValueError):
    """A spec failed to parse or validate; ``issues`` lists every problem found."""

    def __init__(self, issues: Iterable[SpecIssue], source: str | None = None) -> None:
        self.issues: tuple[SpecIssue, ...] = tuple(sorted(issues, key=lambda i: (i.line or 0, i.column or 0)))
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        """All issues, one per line."""
        return "\n".join(issue.format(self.source) for issue in self.issues)
