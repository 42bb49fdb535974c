"""Editing a pipeline's draft through the API: read it at the caller's row version.

Every change of a draft made through the API also becomes an immutable version (the
store commits it in the same transaction), so the history holds each state a user saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui_plugin.store.errors import ConflictError, PipelineDeletedError

if TYPE_CHECKING:
    from ui_plugin.store.records import PipelineRecord
    from ui_plugin.store.store import Store


def draft_to_edit(store: Store, pipeline_id: str, row_version: int | None) -> PipelineRecord:
    """The pipeline as the caller edits it: not deleted and, when given, still at ``row_version``.

    Callers pass the returned ``row_version`` on to the store, so checks made against
    this draft (the code gate) hold for the draft the store replaces.
    """
    record = store.pipelines.get(pipeline_id, include_deleted=True)
    if record.deleted_at is not None:
        raise PipelineDeletedError(pipeline_id)
    if row_version is not None and row_version != record.row_version:
        raise ConflictError(pipeline_id, row_version, record.row_version)
    return record
