"""Immutable pipeline versions: commit the draft, read history, restore one as the draft."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ui_plugin.store.audit import write_audit
from ui_plugin.store.errors import NotFoundError
from ui_plugin.store.models import PipelineVersion
from ui_plugin.store.pipelines import ENTITY, bump, editable, load, set_draft
from ui_plugin.store.records import Page, PipelineRecord, VersionRecord
from ui_plugin.store.version_rows import commit_draft, latest_version


class VersionRepository:
    """Versions of pipelines. Rows are only ever inserted, never updated."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def commit(self, pipeline_id: str, *, author: str, message: str = "") -> tuple[VersionRecord, bool]:
        """Snapshot the draft as the next version; ``(version, created)``.

        When the draft has the content of the latest version nothing is stored and that
        version is returned with ``created=False``.
        """
        with self._sessions.begin() as session:
            # The lock serialises commits of one pipeline, so two never take the same number.
            row = editable(session, pipeline_id, None)
            version, created = commit_draft(session, row, author=author, message=message)
            return VersionRecord.of(version), created

    def list(self, pipeline_id: str, *, limit: int = 50, offset: int = 0) -> Page[VersionRecord]:
        """A page of a pipeline's versions, newest first."""
        with self._sessions() as session:
            load(session, pipeline_id)
            total = session.scalar(
                select(func.count())
                .select_from(PipelineVersion)
                .where(PipelineVersion.pipeline_id == pipeline_id)
            )
            rows = session.scalars(
                select(PipelineVersion)
                .where(PipelineVersion.pipeline_id == pipeline_id)
                .order_by(PipelineVersion.number.desc())
                .limit(limit)
                .offset(offset)
            )
            return Page(tuple(VersionRecord.of(row) for row in rows), total or 0, limit, offset)

    def get(self, pipeline_id: str, number: int) -> VersionRecord:
        """One version by its number."""
        with self._sessions() as session:
            return VersionRecord.of(find_version(session, pipeline_id, number))

    def latest(self, pipeline_id: str) -> VersionRecord | None:
        """The newest version, or None for a pipeline without any."""
        with self._sessions() as session:
            load(session, pipeline_id)
            row = latest_version(session, pipeline_id)
            return VersionRecord.of(row) if row else None

    def restore(
        self,
        pipeline_id: str,
        number: int,
        *,
        actor: str,
        expected_row_version: int | None = None,
        commit_message: str | None = None,
    ) -> PipelineRecord:
        """Make version ``number``'s spec the draft; the versions themselves stay as they are.

        With ``commit_message`` a changed draft is also committed as a new version, in the
        same transaction.
        """
        with self._sessions.begin() as session:
            row = editable(session, pipeline_id, expected_row_version)
            version = find_version(session, pipeline_id, number)
            if row.draft_hash == version.content_hash:
                return PipelineRecord.of(row)
            bump(session, row, row.row_version, actor)
            set_draft(row, version.spec, version.content_hash)
            write_audit(
                session,
                actor=actor,
                action="restore_version",
                entity_type=ENTITY,
                entity_id=pipeline_id,
                details={
                    "version": number,
                    "content_hash": version.content_hash,
                    "row_version": row.row_version,
                },
            )
            if commit_message is not None:
                commit_draft(session, row, author=actor, message=commit_message)
            return PipelineRecord.of(row)


def find_version(session: Session, pipeline_id: str, number: int) -> PipelineVersion:
    """Version ``number`` of a pipeline, or :class:`NotFoundError` naming what is missing."""
    load(session, pipeline_id)
    row = session.scalar(
        select(PipelineVersion).where(
            PipelineVersion.pipeline_id == pipeline_id, PipelineVersion.number == number
        )
    )
    if row is None:
        raise NotFoundError("version", f"{pipeline_id}@{number}", field="version")
    return row
