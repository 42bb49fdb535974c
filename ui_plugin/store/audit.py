"""The audit log: every change to the store writes one entry in the same transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ui_plugin.store.models import AuditEntry
from ui_plugin.store.records import AuditRecord, Page


def now() -> datetime:
    """The current time in UTC, as the store records it."""
    return datetime.now(UTC)


def write_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Add an entry to ``session``: it commits, or rolls back, with the change it records."""
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            details=details or {},
            at=now(),
        )
    )


class AuditLog:
    """Reads the audit log, newest first."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def list(
        self,
        *,
        entity_type: str | None = None,
        entity_id: str | None = None,
        actor: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[AuditRecord]:
        """Entries matching every given filter."""
        query = select(AuditEntry)
        if entity_type is not None:
            query = query.where(AuditEntry.entity_type == entity_type)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == entity_id)
        if actor is not None:
            query = query.where(AuditEntry.actor == actor)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
            )
            return Page(tuple(AuditRecord.of(row) for row in rows), total, limit, offset)
