"""Response bodies to records: JSON/JSONL parsing, record paths and flattening."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


class MalformedBodyError(ValueError):
    """A response body is not valid JSON/JSONL, or has no records where the path points."""


def parse_path(path: str | None) -> list[str | int]:
    """Split ``data.items``, ``$.data[0].items`` or ``results[*].rows`` into segments."""
    if not path or path in {"$", "."}:
        return []
    text = path[1:] if path.startswith("$") else path
    text = text.lstrip(".")
    segments: list[str | int] = []
    position = 0
    while position < len(text):
        if text[position] == ".":
            position += 1
            continue
        match = _SEGMENT.match(text, position)
        if not match:
            raise ValueError(f"invalid record path {path!r} at character {position}")
        name, index = match.groups()
        if name is not None:
            segments.append(name)
        else:
            segments.append("*" if index == "*" else int(index))
        position = match.end()
    return segments


def get_path(value: Any, path: str | None) -> Any:
    """The value at ``path`` (``None`` when it is missing); ``*`` collects from every element."""
    return _walk(value, parse_path(path))


def _walk(value: Any, segments: list[str | int]) -> Any:
    for position, segment in enumerate(segments):
        if value is None:
            return None
        if segment == "*":
            if not isinstance(value, list):
                return None
            rest = segments[position + 1 :]
            found: list[Any] = []
            for item in value:
                inner = _walk(item, rest)
                if isinstance(inner, list):
                    found.extend(inner)
                elif inner is not None:
                    found.append(inner)
            return found
        if isinstance(segment, int):
            value = (
                value[segment] if isinstance(value, list) and -len(value) <= segment < len(value) else None
            )
        else:
            value = value.get(segment) if isinstance(value, dict) else None
    return value


def parse_body(content: bytes, fmt: str) -> list[Any]:
    """Documents in a body: one for JSON, one per non-empty line for JSONL."""
    try:
        if fmt == "jsonl":
            return [json.loads(line) for line in content.splitlines() if line.strip()]
        return [json.loads(content)] if content.strip() else []
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedBodyError(f"malformed {fmt.upper()} body: {error}") from None


def extract_records(documents: list[Any], path: str | None) -> list[dict[str, Any]]:
    """Records found at ``path`` in each document, as dicts (scalars become ``{"value": x}``)."""
    records: list[dict[str, Any]] = []
    for document in documents:
        found = get_path(document, path)
        if found is None:
            if path:
                raise MalformedBodyError(f"no value at record path {path!r}")
            continue
        items = found if isinstance(found, list) else [found]
        records.extend(item if isinstance(item, dict) else {"value": item} for item in items)
    return records


def flatten(record: dict[str, Any], separator: str = "_") -> dict[str, Any]:
    """Nested objects become ``parent<sep>child`` keys; lists are kept as they are."""
    return dict(_flat_items(record, "", separator))


def _flat_items(record: dict[str, Any], prefix: str, separator: str) -> Iterator[tuple[str, Any]]:
    for key, value in record.items():
        name = f"{prefix}{separator}{key}" if prefix else str(key)
        if isinstance(value, dict) and value:
            yield from _flat_items(value, name, separator)
        else:
            yield name, (None if isinstance(value, dict) else value)
