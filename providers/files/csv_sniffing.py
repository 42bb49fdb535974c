"""Guess a CSV file's delimiter, quote character and header from its first bytes."""

from __future__ import annotations

import csv
from dataclasses import dataclass

SAMPLE_BYTES = 64 * 1024
CANDIDATE_DELIMITERS = ",;\t|"


@dataclass(frozen=True)
class SniffedDialect:
    """What ``csv.Sniffer`` found in a sample."""

    delimiter: str
    quote_char: str
    header: bool

    def describe(self) -> str:
        """A phrase for the task log, e.g. ``delimiter ';', quote '"', header yes``."""
        header = "yes" if self.header else "no"
        return f"delimiter {self.delimiter!r}, quote {self.quote_char!r}, header {header}"


def sniff_csv(sample: bytes, encoding: str) -> SniffedDialect:
    """Detect the dialect of the CSV text starting with ``sample``.

    Raises ``ValueError`` when the sample is empty or the delimiter cannot be told.
    """
    text = sample.decode(encoding, errors="replace")
    if len(sample) >= SAMPLE_BYTES and "\n" in text:
        # The sample ends mid-row; a truncated last row would skew the column counts.
        text = text[: text.rindex("\n") + 1]
    if not text.strip():
        raise ValueError("cannot sniff the CSV dialect of an empty file")
    sniffer = csv.Sniffer()
    try:
        dialect = sniffer.sniff(text, delimiters=CANDIDATE_DELIMITERS)
        header = sniffer.has_header(text) or _names_over_numbers(text, dialect)
    except csv.Error as error:
        raise ValueError(
            f"cannot sniff the CSV dialect ({error}); set csv.delimiter (and csv.header) explicitly"
        ) from None
    return SniffedDialect(delimiter=dialect.delimiter, quote_char=dialect.quotechar or '"', header=header)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _names_over_numbers(text: str, dialect: type[csv.Dialect]) -> bool:
    """A first row of distinct non-numeric names above a column of numbers is a header.

    ``Sniffer.has_header`` also votes by value length, so a header over equally long
    values (``city`` over ``Lyon``) outvotes a clear numeric column.
    """
    rows = [row for row in csv.reader(text.splitlines(), dialect) if row]
    if len(rows) < 2:
        return False
    first, rest = rows[0], rows[1:]
    if len(set(first)) < len(first) or any(not name.strip() or _is_number(name) for name in first):
        return False
    columns = zip(*(row for row in rest if len(row) == len(first)), strict=False)
    filled = ([value for value in column if value] for column in columns)
    return any(values and all(_is_number(value) for value in values) for values in filled)
