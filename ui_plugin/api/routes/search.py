"""Global search over pipelines, versions, templates, node types and connections."""

from __future__ import annotations

from typing import Annotated

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ui_plugin.api.permissions import Action, Resource, requires
from ui_plugin.api.store_access import StoreDep

router = APIRouter(tags=["search"])

PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]

MAX_RESULTS = 50
MAX_SUGGESTIONS = 20


class SearchResultOut(BaseModel):
    """One thing found; ``pipeline_id`` and ``version`` locate a version."""

    entity: str = Field(description="pipeline, version, template, node_type or connection")
    id: str
    title: str
    snippet: str
    pipeline_id: str | None = None
    version: int | None = None
    score: int = Field(description="3: exact match, 2: prefix, 1: contained")


class SearchOut(BaseModel):
    """The best results over every searched entity, and how many of each entity match."""

    query: str
    results: list[SearchResultOut]
    counts: dict[str, int]


class SuggestionOut(BaseModel):
    """A name starting with the typed prefix."""

    text: str
    entity: str
    id: str


class SuggestionsOut(BaseModel):
    """Names to complete a search box with."""

    prefix: str
    suggestions: list[SuggestionOut]


@router.get("/search", response_model=SearchOut)
def search(
    user: PipelineReader,
    store: StoreDep,
    q: Annotated[str | None, Query(description="Text to find, case-insensitively.")] = None,
    entities: Annotated[
        str | None, Query(description="Comma-separated: pipeline,version,template,node_type,connection.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 20,
) -> SearchOut:
    """Things whose names or texts contain ``q``: exact matches first, then prefixes, then the rest."""
    from ui_plugin.api import global_search
    from ui_plugin.api.search_matching import snippet

    text = global_search.query_text(q, "q")
    wanted = global_search.parse_entities(entities)
    if not _may_read_templates(user):
        wanted = tuple(entity for entity in wanted if entity is not global_search.SearchEntity.TEMPLATE)
    outcome = global_search.search(store.search, text, wanted, limit)
    results = [
        SearchResultOut(
            entity=hit.entity,
            id=hit.id,
            title=hit.title,
            snippet=snippet(hit.text, text),
            pipeline_id=hit.pipeline_id,
            version=hit.version,
            score=hit.score,
        )
        for hit in outcome.hits
    ]
    return SearchOut(query=text, results=results, counts=outcome.counts)


@router.get("/search/suggestions", response_model=SuggestionsOut)
def search_suggestions(
    user: PipelineReader,
    store: StoreDep,
    prefix: Annotated[str | None, Query(description="The start of a name.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SUGGESTIONS)] = 10,
) -> SuggestionsOut:
    """Pipeline ids and names, template ids, node types and connection ids starting with ``prefix``."""
    from ui_plugin.api import global_search

    text = global_search.query_text(prefix, "prefix")
    found = global_search.suggestions(store.search, text, limit, _may_read_templates(user))
    return SuggestionsOut(
        prefix=text,
        suggestions=[SuggestionOut(text=item.text, entity=item.entity, id=item.id) for item in found],
    )


def _may_read_templates(user: BaseUser) -> bool:
    from airflow.api_fastapi.app import get_auth_manager

    from ui_plugin.api.permissions import Permission, is_allowed

    return is_allowed(get_auth_manager(), user, Permission(Action.READ, Resource.TEMPLATES))
