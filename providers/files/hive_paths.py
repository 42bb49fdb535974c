"""Hive-style partition folders (``region=eu/day=2026-01-01/``): made from values, read back."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, unquote

HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def partition_folder(columns: Sequence[str], values: Sequence[Any]) -> str:
    """``key=value/...`` for one combination of partition values (URL-escaped, nulls as Hive does)."""
    pairs = zip(columns, values, strict=True)
    return "/".join(f"{quote(column, safe='')}={_value_text(value)}" for column, value in pairs)


def _value_text(value: Any) -> str:
    if value is None or value == "":
        return HIVE_NULL
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime.date | datetime.time):
        return quote(value.isoformat(), safe="")
    return quote(str(value), safe="")


def partition_values(relative_path: str) -> dict[str, str | None]:
    """The ``key=value`` folders of a file's path below the read root, in order.

    ``relative_path`` is the file's path relative to the folder or to the fixed part of the
    glob that was read; the file name itself is not a folder and is ignored.
    """
    folders = relative_path.strip("/").split("/")[:-1]
    values: dict[str, str | None] = {}
    for folder in folders:
        key, equals, value = folder.partition("=")
        if equals and key:
            values[unquote(key)] = None if value == HIVE_NULL else unquote(value)
    return values
