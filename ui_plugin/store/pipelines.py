"""Pipelines and their drafts: create, read, list, edit with optimistic concurrency, soft delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import ScalarSelect, func, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ui_plugin.store.audit import now, write_audit
from ui_plugin.store.errors import (
    AlreadyExistsError,
    ConflictError,
    NotFoundError,
    PipelineDeletedError,
    storable_id,
)
from ui_plugin.store.listing import PipelineQuery, filtered, ordered
from ui_plugin.store.models import Pipeline, PipelineStatus, PipelineTag, PipelineVersion, Publication
from ui_plugin.store.records import Page, PipelineRecord, VersionNumbers
from ui_plugin.store.version_rows import ENTITY, commit_draft

if TYPE_CHECKING:
    from dag_factory.spec.models import PipelineSpec


class PipelineRepository:
    """Pipelines in the store. Every change writes an audit entry in its own transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(self, spec: PipelineSpec, *, actor: str, message: str = "Created") -> PipelineRecord:
        """Store a new pipeline from a validated spec, its draft and version 1."""
        return self.create_many([spec], actor=actor, message=message)[0]

    def create_many(
        self, specs: Sequence[PipelineSpec], *, actor: str, message: str = "Created"
    ) -> list[PipelineRecord]:
        """Store several new pipelines in one transaction: all of them, or none when an id is taken."""
        with self._sessions.begin() as session:
            return [_insert(session, spec, actor, message) for spec in specs]

    def get(self, pipeline_id: str, *, include_deleted: bool = False) -> PipelineRecord:
        """One pipeline; a deleted one only when ``include_deleted``."""
        with self._sessions() as session:
            row = load(session, pipeline_id)
            if row.deleted_at is not None and not include_deleted:
                raise NotFoundError(ENTITY, pipeline_id)
            return PipelineRecord.of(row)

    def version_numbers(self, pipeline_id: str) -> VersionNumbers:
        """The numbers of the pipeline's newest and published versions, in one query."""
        latest = (
            select(func.max(PipelineVersion.number))
            .where(PipelineVersion.pipeline_id == Pipeline.id)
            .scalar_subquery()
        )
        statement = select(latest, published_number()).where(Pipeline.id == storable_id(ENTITY, pipeline_id))
        with self._sessions() as session:
            found = session.execute(statement).one_or_none()
        if found is None:
            raise NotFoundError(ENTITY, pipeline_id)
        return VersionNumbers(latest=found[0], published=found[1])

    def published_versions(self, pipeline_ids: Sequence[str]) -> dict[str, int]:
        """The published version number of each of ``pipeline_ids`` that was ever published."""
        if not pipeline_ids:
            return {}
        statement = select(Pipeline.id, published_number().label("number")).where(
            Pipeline.id.in_(pipeline_ids)
        )
        with self._sessions() as session:
            return {row.id: row.number for row in session.execute(statement) if row.number is not None}

    def list(self, query: PipelineQuery | None = None) -> Page[PipelineRecord]:
        """A page of the pipelines matching ``query``, and how many match in all."""
        query = query or PipelineQuery()
        statement = filtered(query)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
            rows = session.scalars(
                ordered(statement, query)
                .options(selectinload(Pipeline.tag_rows))
                .limit(query.limit)
                .offset(query.offset)
            )
            return Page(tuple(PipelineRecord.of(row) for row in rows), total, query.limit, query.offset)

    def save_draft(
        self, spec: PipelineSpec, *, expected_row_version: int, actor: str, commit_message: str | None = None
    ) -> PipelineRecord:
        """Replace the draft, if nobody changed the pipeline since ``expected_row_version``.

        Saving the content the draft already has changes nothing and writes no audit entry.
        With ``commit_message`` a changed draft is also committed as a new version, in the
        same transaction. Raises :class:`ConflictError` carrying the current row version when stale.
        """
        data, content_hash = spec.to_data(), spec.content_hash
        with self._sessions.begin() as session:
            row = editable(session, spec.id, expected_row_version)
            if row.draft_hash == content_hash:
                return PipelineRecord.of(row)
            bump(session, row, expected_row_version, actor)
            set_draft(row, data, content_hash)
            write_audit(
                session,
                actor=actor,
                action="save_draft",
                entity_type=ENTITY,
                entity_id=spec.id,
                details={"content_hash": content_hash, "row_version": row.row_version},
            )
            if commit_message is not None:
                commit_draft(session, row, author=actor, message=commit_message)
            return PipelineRecord.of(row)

    def delete(
        self, pipeline_id: str, *, actor: str, expected_row_version: int | None = None
    ) -> PipelineRecord:
        """Soft delete: hidden from lists and reads until restored; versions are kept."""
        with self._sessions.begin() as session:
            row = editable(session, pipeline_id, expected_row_version)
            bump(session, row, row.row_version, actor)
            row.status = PipelineStatus.DELETED.value
            row.deleted_at = row.updated_at
            write_audit(session, actor=actor, action="delete", entity_type=ENTITY, entity_id=pipeline_id)
            return PipelineRecord.of(row)

    def restore(self, pipeline_id: str, *, actor: str) -> PipelineRecord:
        """Undo a soft delete; the pipeline is published again if it ever was."""
        with self._sessions.begin() as session:
            row = load(session, pipeline_id, for_update=True)
            if row.deleted_at is None:
                return PipelineRecord.of(row)
            bump(session, row, row.row_version, actor)
            published = session.scalar(
                select(Publication.id).where(Publication.pipeline_id == pipeline_id).limit(1)
            )
            row.status = (PipelineStatus.PUBLISHED if published else PipelineStatus.DRAFT).value
            row.deleted_at = None
            write_audit(session, actor=actor, action="restore", entity_type=ENTITY, entity_id=pipeline_id)
            return PipelineRecord.of(row)


def _insert(session: Session, spec: PipelineSpec, actor: str, message: str) -> PipelineRecord:
    data, content_hash = spec.to_data(), spec.content_hash
    existing = session.get(Pipeline, spec.id)
    if existing is not None:
        hint = "; it is deleted, restore it instead" if existing.deleted_at else ""
        raise AlreadyExistsError(ENTITY, spec.id, hint)
    moment = now()
    row = Pipeline(
        id=spec.id,
        status=PipelineStatus.DRAFT.value,
        row_version=1,
        created_by=actor,
        created_at=moment,
        updated_by=actor,
        updated_at=moment,
    )
    set_draft(row, data, content_hash)
    session.add(row)
    session.flush()
    session.add(
        PipelineVersion(
            pipeline_id=spec.id,
            number=1,
            content_hash=content_hash,
            spec=data,
            author=actor,
            message=message,
            created_at=moment,
        )
    )
    write_audit(
        session,
        actor=actor,
        action="create",
        entity_type=ENTITY,
        entity_id=spec.id,
        details={"content_hash": content_hash, "version": 1},
    )
    return PipelineRecord.of(row)


def published_number() -> ScalarSelect[int | None]:
    """The version number of the newest publication of the pipeline row it is selected with."""
    return (
        select(Publication.version_number)
        .where(Publication.pipeline_id == Pipeline.id)
        .order_by(Publication.published_at.desc(), Publication.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def load(session: Session, pipeline_id: str, *, for_update: bool = False) -> Pipeline:
    """The pipeline row, locked for the transaction when ``for_update`` (PostgreSQL)."""
    statement = (
        select(Pipeline)
        .where(Pipeline.id == storable_id(ENTITY, pipeline_id))
        .options(selectinload(Pipeline.tag_rows))
    )
    if for_update:
        statement = statement.with_for_update()
    row = session.scalar(statement)
    if row is None:
        raise NotFoundError(ENTITY, pipeline_id)
    return row


def editable(session: Session, pipeline_id: str, expected_row_version: int | None) -> Pipeline:
    """The pipeline row, locked, checked not deleted and (when given) at ``expected_row_version``."""
    row = load(session, pipeline_id, for_update=True)
    if row.deleted_at is not None:
        raise PipelineDeletedError(pipeline_id)
    if expected_row_version is not None and row.row_version != expected_row_version:
        raise ConflictError(pipeline_id, expected_row_version, row.row_version)
    return row


def bump(session: Session, row: Pipeline, expected_row_version: int, actor: str) -> None:
    """Move the row to its next row version, unless another transaction got there first.

    The compare-and-set UPDATE is what makes the check safe on SQLite too, which has no
    row locks: of two writers that read the same version, only one matches here.
    """
    moment = now()
    result = session.execute(
        update(Pipeline)
        .where(Pipeline.id == row.id, Pipeline.row_version == expected_row_version)
        .values(row_version=expected_row_version + 1, updated_by=actor, updated_at=moment)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        current = session.scalar(select(Pipeline.row_version).where(Pipeline.id == row.id))
        raise ConflictError(row.id, expected_row_version, current or 0)
    row.row_version = expected_row_version + 1
    row.updated_by = actor
    row.updated_at = moment


def set_draft(row: Pipeline, data: dict[str, Any], content_hash: str) -> None:
    """Make ``data`` (a valid spec's data) the draft, with the columns lists filter on."""
    row.draft_spec = data
    row.draft_hash = content_hash
    row.name = data.get("name")
    row.description = data.get("description")
    row.owner = data.get("owner", "airflow")
    wanted = list(data.get("tags", []))
    kept = {tag.tag: tag for tag in row.tag_rows if tag.tag in wanted}
    row.tag_rows = [kept.get(tag) or PipelineTag(tag=tag, position=index) for index, tag in enumerate(wanted)]
    for index, tag in enumerate(row.tag_rows):
        tag.position = index
