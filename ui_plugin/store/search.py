"""Search of the store's pipelines, version messages and templates, ranked in the database.

Each search is one query, LIMITed, that also counts every match (a window count), so it
stays one round trip whatever the number of pipelines and versions. Matching is
case-insensitive and literal: a user's ``%`` or ``_`` matches itself.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session, sessionmaker

from ui_plugin.store.listing import LIKE_ESCAPE, escape_like
from ui_plugin.store.models import Pipeline, PipelineTag, PipelineVersion, Template

Matcher = Callable[[ColumnElement[str | None], str], ColumnElement[bool]]


class MatchRank(enum.IntEnum):
    """How well a text matches a query; higher ranks first."""

    SUBSTRING = 1
    PREFIX = 2
    EXACT = 3


@dataclass(frozen=True)
class SearchHit:
    """One match: what it is, a title, the text a snippet is cut from, and its rank."""

    entity: str
    id: str
    title: str
    text: str
    score: int
    pipeline_id: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class SearchHits:
    """The best hits of one entity kind and how many match in all."""

    hits: tuple[SearchHit, ...]
    total: int


@dataclass(frozen=True)
class Suggestion:
    """A text that starts with the typed prefix, and what it names."""

    text: str
    entity: str
    id: str


class StoreSearch:
    """Searches the store; deleted pipelines and their versions are never found."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def pipelines(self, text: str, limit: int) -> SearchHits:
        """Pipelines whose id, name, description or a tag contains ``text``."""
        titled = (Pipeline.id, Pipeline.name)
        score = _title_rank(titled, text, with_tags=True)
        searched = (*titled, Pipeline.description)
        found = or_(*(contains_text(column, text) for column in searched), _has_tag(contains_text, text))
        statement = (
            select(Pipeline.id, Pipeline.name, Pipeline.description, score.label("score"), total_matches())
            .where(Pipeline.deleted_at.is_(None), found)
            .order_by(score.desc(), Pipeline.id)
            .limit(limit)
        )
        with self._sessions() as session:
            rows = session.execute(statement).all()
        hits = tuple(
            SearchHit(
                "pipeline",
                row.id,
                row.name or row.id,
                _text_of(text, row.description, row.name, row.id),
                row.score,
            )
            for row in rows
        )
        return SearchHits(hits, rows[0].total if rows else 0)

    def versions(self, text: str, limit: int) -> SearchHits:
        """Versions whose message contains ``text``, the best ranked first, then the newest."""
        message = PipelineVersion.message
        score = match_rank(message, text)
        statement = (
            select(
                PipelineVersion.pipeline_id,
                PipelineVersion.number,
                message,
                score.label("score"),
                total_matches(),
            )
            .join(Pipeline, Pipeline.id == PipelineVersion.pipeline_id)
            .where(Pipeline.deleted_at.is_(None), contains_text(message, text))
            .order_by(score.desc(), PipelineVersion.created_at.desc(), PipelineVersion.id.desc())
            .limit(limit)
        )
        with self._sessions() as session:
            rows = session.execute(statement).all()
        hits = tuple(
            SearchHit(
                "version",
                f"{row.pipeline_id}@{row.number}",
                f"{row.pipeline_id} version {row.number}",
                row.message,
                row.score,
                pipeline_id=row.pipeline_id,
                version=row.number,
            )
            for row in rows
        )
        return SearchHits(hits, rows[0].total if rows else 0)

    def templates(self, text: str, limit: int) -> SearchHits:
        """Stored templates whose id, title or description contains ``text``."""
        titled = (Template.id, Template.title)
        score = _title_rank(titled, text)
        statement = (
            select(Template.id, Template.title, Template.description, score.label("score"), total_matches())
            .where(or_(*(contains_text(column, text) for column in (*titled, Template.description))))
            .order_by(score.desc(), Template.id)
            .limit(limit)
        )
        with self._sessions() as session:
            rows = session.execute(statement).all()
        hits = tuple(
            SearchHit("template", row.id, row.title, _text_of(text, row.description, row.title), row.score)
            for row in rows
        )
        return SearchHits(hits, rows[0].total if rows else 0)

    def pipeline_suggestions(self, prefix: str, limit: int) -> list[Suggestion]:
        """Ids and names of pipelines starting with ``prefix``."""
        by_id = select(Pipeline.id.label("text"), Pipeline.id, literal("id").label("kind"))
        by_name = select(Pipeline.name.label("text"), Pipeline.id, literal("name").label("kind"))
        union = (
            by_id.where(Pipeline.deleted_at.is_(None), starts_with(Pipeline.id, prefix))
            .union_all(by_name.where(Pipeline.deleted_at.is_(None), starts_with(Pipeline.name, prefix)))
            .subquery()
        )
        statement = select(union.c.text, union.c.id).order_by(union.c.text, union.c.kind).limit(limit)
        return self._suggestions(statement, "pipeline")

    def template_suggestions(self, prefix: str, limit: int) -> list[Suggestion]:
        """Ids of stored templates starting with ``prefix``."""
        statement = (
            select(Template.id.label("text"), Template.id)
            .where(starts_with(Template.id, prefix))
            .order_by(Template.id)
            .limit(limit)
        )
        return self._suggestions(statement, "template")

    def _suggestions(self, statement: Select[tuple[str, str]], entity: str) -> list[Suggestion]:
        with self._sessions() as session:
            return [Suggestion(row.text, entity, row.id) for row in session.execute(statement)]


def equals_text(column: ColumnElement[str | None], text: str) -> ColumnElement[bool]:
    """``column`` equals ``text``, ignoring case."""
    return func.lower(column) == text.lower()


def starts_with(column: ColumnElement[str | None], text: str) -> ColumnElement[bool]:
    """``column`` starts with ``text``, ignoring case, wildcards matched literally."""
    return column.ilike(f"{escape_like(text)}%", escape=LIKE_ESCAPE)


def contains_text(column: ColumnElement[str | None], text: str) -> ColumnElement[bool]:
    """``column`` contains ``text``, ignoring case, wildcards matched literally."""
    return column.ilike(f"%{escape_like(text)}%", escape=LIKE_ESCAPE)


def match_rank(column: ColumnElement[str | None], text: str) -> ColumnElement[int]:
    """The :class:`MatchRank` of ``column`` for ``text`` (for rows already known to contain it)."""
    return case(
        (equals_text(column, text), MatchRank.EXACT),
        (starts_with(column, text), MatchRank.PREFIX),
        else_=MatchRank.SUBSTRING,
    )


def _title_rank(
    titles: tuple[ColumnElement[str | None], ...], text: str, with_tags: bool = False
) -> ColumnElement[int]:
    # Exact or prefix counts on what names a thing (and its tags); any other match is a substring.
    def on_titles(match: Matcher) -> ColumnElement[bool]:
        conditions = [match(column, text) for column in titles]
        if with_tags:
            conditions.append(_has_tag(match, text))
        return or_(*conditions)

    return case(
        (on_titles(equals_text), MatchRank.EXACT),
        (on_titles(starts_with), MatchRank.PREFIX),
        else_=MatchRank.SUBSTRING,
    )


def _has_tag(match: Matcher, text: str) -> ColumnElement[bool]:
    return exists().where(PipelineTag.pipeline_id == Pipeline.id, match(PipelineTag.tag, text))


def total_matches() -> ColumnElement[int]:
    """The number of rows the query matches before its LIMIT, on every row (a window count)."""
    return func.count().over().label("total")


def _text_of(text: str, *candidates: str | None) -> str:
    """The first candidate containing ``text`` (case-insensitively), else the first one given."""
    needle = text.lower()
    present = [candidate for candidate in candidates if candidate]
    return next(
        (candidate for candidate in present if needle in candidate.lower()), present[0] if present else ""
    )
