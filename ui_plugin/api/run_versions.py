"""Trace DAG runs back to pipeline versions, and a version to the nodes each of its tasks runs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ui_plugin.api.task_nodes import nodes_per_task

if TYPE_CHECKING:
    from ui_plugin.store.store import Store

_VERSIONS_SEARCHED = 500


class RunVersions:
    """Version numbers by spec content hash for one pipeline, read from the store when first needed.

    A content hash can belong to several versions (a version restored and committed again);
    the version that was published with it wins, else the newest one.
    """

    def __init__(self, store: Store, pipeline_id: str) -> None:
        self._store = store
        self._pipeline_id = pipeline_id
        self._published: dict[str, int] | None = None
        self._committed: dict[str, int] | None = None

    def version_of(self, content_hash: str | None) -> int | None:
        """The pipeline version with ``content_hash``, or None."""
        if not content_hash:
            return None
        if self._published is None:
            history = self._store.publications.history(self._pipeline_id)
            self._published = {item.content_hash: item.version_number for item in reversed(history)}
        if content_hash in self._published:
            return self._published[content_hash]
        if self._committed is None:
            page = self._store.versions.list(self._pipeline_id, limit=_VERSIONS_SEARCHED)
            self._committed = {item.content_hash: item.number for item in reversed(page.items)}
        return self._committed.get(content_hash)

    def nodes_of(self, number: int | None) -> Mapping[str, list[str]]:
        """``{task_id: node ids}`` of version ``number``; empty when the version is unknown."""
        if number is None:
            return {}
        return nodes_per_task(self._store.versions.get(self._pipeline_id, number).spec)
