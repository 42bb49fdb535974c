"""How pipeline lists are filtered, searched, sorted and paged, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, or_, select

from ui_plugin.store.errors import InvalidInputError
from ui_plugin.store.models import Pipeline, PipelineStatus, PipelineTag

MAX_LIMIT = 500
LIKE_ESCAPE = "\\"


class PipelineSort(enum.StrEnum):
    """Orders a pipeline list can take."""

    ID = "id"
    NAME = "name"
    UPDATED = "updated"


@dataclass(frozen=True)
class PipelineQuery:
    """Which pipelines to list, in which order, and which page of them.

    ``search`` matches, case-insensitively, a part of the id, name or description.
    Deleted pipelines are left out unless ``include_deleted`` or ``status="deleted"``.
    """

    search: str | None = None
    tag: str | None = None
    owner: str | None = None
    status: PipelineStatus | None = None
    include_deleted: bool = False
    sort: PipelineSort = PipelineSort.ID
    descending: bool = False
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        # Plain strings from query parameters are accepted; unknown ones are named back.
        for field, kind in (("status", PipelineStatus), ("sort", PipelineSort)):
            value = getattr(self, field)
            if value is None:
                continue
            try:
                object.__setattr__(self, field, kind(value))
            except ValueError:
                choices = ", ".join(member.value for member in kind)
                raise InvalidInputError(field, f"{field} must be one of {choices}, got {value!r}") from None
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidInputError("limit", f"limit must be between 1 and {MAX_LIMIT}, got {self.limit}")
        if self.offset < 0:
            raise InvalidInputError("offset", f"offset must be 0 or more, got {self.offset}")


def filtered(query: PipelineQuery) -> Select[tuple[Pipeline]]:
    """The pipelines ``query`` matches, unordered and unpaged."""
    statement = select(Pipeline)
    if query.status is not None:
        statement = statement.where(Pipeline.status == query.status.value)
    elif not query.include_deleted:
        statement = statement.where(Pipeline.deleted_at.is_(None))
    if query.owner is not None:
        statement = statement.where(Pipeline.owner == query.owner)
    if query.tag is not None:
        tagged = select(PipelineTag.pipeline_id).where(PipelineTag.tag == query.tag)
        statement = statement.where(Pipeline.id.in_(tagged))
    if query.search:
        statement = statement.where(_matches(query.search))
    return statement


def ordered(statement: Select[tuple[Pipeline]], query: PipelineQuery) -> Select[tuple[Pipeline]]:
    """``statement`` sorted as asked, ties broken by id so that pages never overlap."""
    key = {
        PipelineSort.ID: Pipeline.id,
        PipelineSort.NAME: func.coalesce(Pipeline.name, Pipeline.id),
        PipelineSort.UPDATED: Pipeline.updated_at,
    }[query.sort]
    if query.descending:
        return statement.order_by(key.desc(), Pipeline.id.desc())
    return statement.order_by(key.asc(), Pipeline.id.asc())


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards escaped, so that a user's "%" or "_" is matched literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matches(text: str) -> ColumnElement[bool]:
    pattern = f"%{escape_like(text)}%"
    return or_(
        *(
            column.ilike(pattern, escape=LIKE_ESCAPE)
            for column in (Pipeline.id, Pipeline.name, Pipeline.description)
        )
    )
