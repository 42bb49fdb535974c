"""SQLAlchemy models of the store's tables, all prefixed ``aggregator_``."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

TABLE_PREFIX = "aggregator_"

# Named constraints keep migrations portable: SQLite batch operations and PostgreSQL
# ALTERs can only drop a constraint whose name is known.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 250
"""Longest pipeline or template id: Airflow's own limit for a dag_id."""


class Base(DeclarativeBase):
    """Declarative base of the store; its metadata holds only the store's tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class PipelineStatus(enum.StrEnum):
    """Where a pipeline is in its life: being drafted, published into the bundle, or deleted."""

    DRAFT = "draft"
    PUBLISHED = "published"
    DELETED = "deleted"


class Pipeline(Base):
    """A pipeline and its current draft; ``row_version`` guards concurrent edits."""

    __tablename__ = f"{TABLE_PREFIX}pipelines"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(250), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True, default=PipelineStatus.DRAFT.value)
    draft_spec: Mapped[dict[str, Any]]
    draft_hash: Mapped[str] = mapped_column(String(64))
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(250))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    tag_rows: Mapped[list[PipelineTag]] = relationship(
        back_populates="pipeline", cascade="all, delete-orphan", order_by="PipelineTag.position"
    )


class PipelineTag(Base):
    """One tag of a pipeline's draft, in its own row so that lists filter by tag on any database."""

    __tablename__ = f"{TABLE_PREFIX}pipeline_tags"

    pipeline_id: Mapped[str] = mapped_column(
        ForeignKey(f"{TABLE_PREFIX}pipelines.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)

    pipeline: Mapped[Pipeline] = relationship(back_populates="tag_rows")


class PipelineVersion(Base):
    """An immutable snapshot of a pipeline's spec, numbered from 1."""

    __tablename__ = f"{TABLE_PREFIX}pipeline_versions"
    __table_args__ = (
        UniqueConstraint("pipeline_id", "number"),
        Index(None, "pipeline_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pipeline_id: Mapped[str] = mapped_column(ForeignKey(f"{TABLE_PREFIX}pipelines.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    spec: Mapped[dict[str, Any]]
    author: Mapped[str] = mapped_column(String(250))
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Publication(Base):
    """One publishing of a version into the DAG bundle; the latest row is what is live."""

    __tablename__ = f"{TABLE_PREFIX}publications"
    __table_args__ = (Index(None, "pipeline_id", "published_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pipeline_id: Mapped[str] = mapped_column(ForeignKey(f"{TABLE_PREFIX}pipelines.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey(f"{TABLE_PREFIX}pipeline_versions.id"))
    version_number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    published_by: Mapped[str] = mapped_column(String(250))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Template(Base):
    """A user template: a spec with declared parameters."""

    __tablename__ = f"{TABLE_PREFIX}templates"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    parameters: Mapped[dict[str, Any]]
    spec: Mapped[dict[str, Any]]
    created_by: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """One change to the store: who did what to which entity, and when."""

    __tablename__ = f"{TABLE_PREFIX}audit_log"
    __table_args__ = (Index(None, "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(250))
    action: Mapped[str] = mapped_column(String(50))
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    details: Mapped[dict[str, Any]]
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
