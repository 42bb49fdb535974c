"""Plain, immutable records the store returns: detached from sessions, safe to serialise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from ui_plugin.store.models import AuditEntry, Pipeline, PipelineVersion, Publication, Template

T = TypeVar("T")


def aware(moment: datetime) -> datetime:
    """``moment`` in UTC: SQLite hands back naive datetimes for what was stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class PipelineRecord:
    """A pipeline with its current draft."""

    id: str
    name: str | None
    description: str | None
    owner: str
    tags: tuple[str, ...]
    status: str
    draft_spec: dict[str, Any]
    draft_hash: str
    row_version: int
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime
    deleted_at: datetime | None

    @classmethod
    def of(cls, row: Pipeline) -> PipelineRecord:
        return cls(
            id=row.id,
            name=row.name,
            description=row.description,
            owner=row.owner,
            tags=tuple(tag.tag for tag in row.tag_rows),
            status=row.status,
            draft_spec=row.draft_spec,
            draft_hash=row.draft_hash,
            row_version=row.row_version,
            created_by=row.created_by,
            created_at=aware(row.created_at),
            updated_by=row.updated_by,
            updated_at=aware(row.updated_at),
            deleted_at=aware(row.deleted_at) if row.deleted_at else None,
        )


@dataclass(frozen=True)
class VersionNumbers:
    """The numbers of a pipeline's newest version and of the published one (None: there is none)."""

    latest: int | None
    published: int | None


@dataclass(frozen=True)
class VersionRecord:
    """An immutable version of a pipeline."""

    pipeline_id: str
    number: int
    content_hash: str
    spec: dict[str, Any]
    author: str
    message: str
    created_at: datetime

    @classmethod
    def of(cls, row: PipelineVersion) -> VersionRecord:
        return cls(
            pipeline_id=row.pipeline_id,
            number=row.number,
            content_hash=row.content_hash,
            spec=row.spec,
            author=row.author,
            message=row.message,
            created_at=aware(row.created_at),
        )


@dataclass(frozen=True)
class PublicationRecord:
    """One publishing of a version."""

    pipeline_id: str
    version_number: int
    content_hash: str
    published_by: str
    published_at: datetime

    @classmethod
    def of(cls, row: Publication) -> PublicationRecord:
        return cls(
            pipeline_id=row.pipeline_id,
            version_number=row.version_number,
            content_hash=row.content_hash,
            published_by=row.published_by,
            published_at=aware(row.published_at),
        )


@dataclass(frozen=True)
class TemplateRecord:
    """A user template."""

    id: str
    title: str
    description: str
    parameters: dict[str, Any]
    spec: dict[str, Any]
    created_by: str
    created_at: datetime

    @classmethod
    def of(cls, row: Template) -> TemplateRecord:
        return cls(
            id=row.id,
            title=row.title,
            description=row.description,
            parameters=row.parameters,
            spec=row.spec,
            created_by=row.created_by,
            created_at=aware(row.created_at),
        )


@dataclass(frozen=True)
class AuditRecord:
    """One audit log entry."""

    actor: str
    action: str
    entity_type: str
    entity_id: str
    details: dict[str, Any]
    at: datetime

    @classmethod
    def of(cls, row: AuditEntry) -> AuditRecord:
        return cls(
            actor=row.actor,
            action=row.action,
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            details=row.details,
            at=aware(row.at),
        )


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items and how many match in all."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int
