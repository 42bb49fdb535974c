"""Which version of a pipeline is published, when and by whom."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ui_plugin.store.audit import write_audit
from ui_plugin.store.models import PipelineStatus, Publication
from ui_plugin.store.pipelines import ENTITY, bump, editable, load
from ui_plugin.store.records import PublicationRecord
from ui_plugin.store.versions import find_version


class PublicationRepository:
    """Publications, one row per publishing; the newest is what the bundle holds."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def record(self, pipeline_id: str, number: int, *, actor: str) -> PublicationRecord:
        """Note that version ``number`` was written to the bundle; the pipeline becomes published."""
        with self._sessions.begin() as session:
            row = editable(session, pipeline_id, None)
            version = find_version(session, pipeline_id, number)
            bump(session, row, row.row_version, actor)
            row.status = PipelineStatus.PUBLISHED.value
            publication = Publication(
                pipeline_id=pipeline_id,
                version_id=version.id,
                version_number=number,
                content_hash=version.content_hash,
                published_by=actor,
                published_at=row.updated_at,
            )
            session.add(publication)
            write_audit(
                session,
                actor=actor,
                action="publish",
                entity_type=ENTITY,
                entity_id=pipeline_id,
                details={"version": number, "content_hash": version.content_hash},
            )
            return PublicationRecord.of(publication)

    def current(self, pipeline_id: str) -> PublicationRecord | None:
        """The publication in force, or None if the pipeline was never published."""
        history = self.history(pipeline_id, limit=1)
        return history[0] if history else None

    def history(self, pipeline_id: str, *, limit: int = 50) -> list[PublicationRecord]:
        """Publications of a pipeline, newest first."""
        with self._sessions() as session:
            load(session, pipeline_id)
            rows = session.scalars(
                select(Publication)
                .where(Publication.pipeline_id == pipeline_id)
                .order_by(Publication.published_at.desc(), Publication.id.desc())
                .limit(limit)
            )
            return [PublicationRecord.of(row) for row in rows]
