"""User templates: parameterised specs saved by users, beside the built-in ones."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ui_plugin.store.audit import now, write_audit
from ui_plugin.store.errors import AlreadyExistsError, NotFoundError, storable_id
from ui_plugin.store.models import Template
from ui_plugin.store.records import Page, TemplateRecord

ENTITY = "template"


class TemplateRepository:
    """User templates in the store."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(
        self,
        template_id: str,
        *,
        title: str,
        parameters: dict[str, Any],
        spec: dict[str, Any],
        actor: str,
        description: str = "",
    ) -> TemplateRecord:
        """Store a template; ``parameters`` and ``spec`` are checked by the caller."""
        with self._sessions.begin() as session:
            if session.get(Template, template_id) is not None:
                raise AlreadyExistsError(ENTITY, template_id)
            row = Template(
                id=template_id,
                title=title,
                description=description,
                parameters=parameters,
                spec=spec,
                created_by=actor,
                created_at=now(),
            )
            session.add(row)
            write_audit(session, actor=actor, action="create", entity_type=ENTITY, entity_id=template_id)
            return TemplateRecord.of(row)

    def get(self, template_id: str) -> TemplateRecord:
        """One template."""
        with self._sessions() as session:
            row = session.get(Template, storable_id(ENTITY, template_id))
            if row is None:
                raise NotFoundError(ENTITY, template_id)
            return TemplateRecord.of(row)

    def list(self, *, limit: int = 50, offset: int = 0) -> Page[TemplateRecord]:
        """A page of templates by id."""
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(Template)) or 0
            rows = session.scalars(select(Template).order_by(Template.id).limit(limit).offset(offset))
            return Page(tuple(TemplateRecord.of(row) for row in rows), total, limit, offset)

    def delete(self, template_id: str, *, actor: str) -> None:
        """Remove a template; pipelines made from it are not affected."""
        with self._sessions.begin() as session:
            row = session.get(Template, storable_id(ENTITY, template_id))
            if row is None:
                raise NotFoundError(ENTITY, template_id)
            session.delete(row)
            write_audit(session, actor=actor, action="delete", entity_type=ENTITY, entity_id=template_id)
