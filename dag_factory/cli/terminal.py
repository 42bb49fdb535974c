"""Terminal output: colour only on a TTY (and never with NO_COLOR), progress on stderr."""

from __future__ import annotations

import os
import sys
from typing import TextIO

_CODES = {"red": "31", "green": "32", "yellow": "33", "bold": "1", "dim": "2"}


class Terminal:
    """Writes results to stdout and diagnostics to stderr, coloured when useful."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    @staticmethod
    def _colourful(stream: TextIO) -> bool:
        return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"

    def paint(self, text: str, colour: str, stream: TextIO | None = None) -> str:
        """``text`` in ``colour`` if ``stream`` is a colour terminal."""
        if not self._colourful(stream or self.out):
            return text
        return f"\033[{_CODES[colour]}m{text}\033[0m"

    def say(self, text: str = "") -> None:
        """A line of result output."""
        print(text, file=self.out, flush=True)

    def warn(self, text: str) -> None:
        """A line of diagnostic output."""
        print(text, file=self.err, flush=True)

    def error(self, text: str) -> None:
        """An error line, prefixed with a red ``error:``."""
        print(f"{self.paint('error:', 'red', self.err)} {text}", file=self.err, flush=True)

    def progress(self, done: int, total: int, label: str) -> None:
        """Redraw a progress line on a terminal; silent when stderr is not one."""
        if not self.err.isatty() or total < 20:
            return
        end = "\n" if done == total else ""
        print(f"\r{label} {done}/{total}", end=end, file=self.err, flush=True)
