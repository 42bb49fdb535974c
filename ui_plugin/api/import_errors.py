"""The 422 of an import: every problem with its path, document index and pipeline id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException, status

from dag_factory.interchange.spec_documents import SET_KEY
from dag_factory.spec.errors import SpecError, SpecIssue
from dag_factory.spec.source_map import read_document
from ui_plugin.api.error_responses import spec_error_body


@dataclass(frozen=True)
class _Document:
    """How the document holds its specs (``set``, ``list`` or ``single``) and their ids by index."""

    shape: str | None = None
    ids: dict[int, str] = field(default_factory=dict)

    def index_of(self, issue: SpecIssue) -> int | None:
        """The index of the spec an issue is about; ``None`` for the document as a whole."""
        path = issue.path
        if self.shape == "single":
            return 0 if path else None
        if self.shape == "set" and len(path) > 1 and path[0] == SET_KEY and isinstance(path[1], int):
            return path[1]
        if self.shape == "list" and path and isinstance(path[0], int):
            return path[0]
        return None


def import_error(error: SpecError, content: str, is_json: bool) -> HTTPException:
    """422 listing each issue under ``content`` with the ``index`` and ``pipeline_id`` of its spec.

    Problems of the document as a whole (malformed text, an alias bomb) have neither.
    """
    body = spec_error_body(error, "content")
    document = _read(content, is_json)
    for entry, issue in zip(body["errors"], error.issues, strict=True):
        index = document.index_of(issue)
        entry["index"] = index
        entry["pipeline_id"] = document.ids.get(index) if index is not None else None
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=body)


def _read(content: str, is_json: bool) -> _Document:
    try:
        data: Any = read_document(content, is_json=is_json).data
    except SpecError:
        return _Document()
    if isinstance(data, list):
        return _Document("list", _ids(data))
    if isinstance(data, dict) and SET_KEY in data and "apiVersion" not in data:
        entries = data[SET_KEY]
        return _Document("set", _ids(entries if isinstance(entries, list) else []))
    return _Document("single", _ids([data]))


def _ids(entries: list[Any]) -> dict[int, str]:
    return {
        index: entry["id"]
        for index, entry in enumerate(entries)
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }
