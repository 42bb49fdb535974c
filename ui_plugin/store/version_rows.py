"""Version rows inside a transaction: the newest one, and a commit of the draft as the next."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ui_plugin.store.audit import now, write_audit
from ui_plugin.store.models import Pipeline, PipelineVersion

ENTITY = "pipeline"


def latest_version(session: Session, pipeline_id: str) -> PipelineVersion | None:
    """The newest version row of a pipeline, or None."""
    return session.scalar(
        select(PipelineVersion)
        .where(PipelineVersion.pipeline_id == pipeline_id)
        .order_by(PipelineVersion.number.desc())
        .limit(1)
    )


def commit_draft(
    session: Session, row: Pipeline, *, author: str, message: str
) -> tuple[PipelineVersion, bool]:
    """Snapshot ``row``'s draft as the next version; ``(version, created)``.

    ``row`` must be locked by the caller's transaction. When the draft has the content of
    the latest version nothing is added and that version comes back with ``created=False``.
    """
    latest = latest_version(session, row.id)
    if latest is not None and latest.content_hash == row.draft_hash:
        return latest, False
    version = PipelineVersion(
        pipeline_id=row.id,
        number=(latest.number if latest else 0) + 1,
        content_hash=row.draft_hash,
        spec=row.draft_spec,
        author=author,
        message=message,
        created_at=now(),
    )
    session.add(version)
    write_audit(
        session,
        actor=author,
        action="commit_version",
        entity_type=ENTITY,
        entity_id=row.id,
        details={"version": version.number, "content_hash": version.content_hash, "message": message},
    )
    return version, True
