"""One search over what users name: pipelines, versions, templates, node types, connections."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import status

from ui_plugin.api.error_responses import ApiError
from ui_plugin.store.search import SearchHit, SearchHits, StoreSearch, Suggestion

MAX_QUERY_LENGTH = 200


class SearchEntity(enum.StrEnum):
    """The kinds of things search finds, in the order results of equal score are listed."""

    PIPELINE = "pipeline"
    VERSION = "version"
    TEMPLATE = "template"
    NODE_TYPE = "node_type"
    CONNECTION = "connection"


@dataclass(frozen=True)
class SearchOutcome:
    """The best hits over every searched kind, and how many of each kind match."""

    hits: list[SearchHit]
    counts: dict[str, int]


def query_text(value: str | None, field: str) -> str:
    """The searched text, stripped; a 422 naming ``field`` when it is empty or too long."""
    text = (value or "").strip()
    if not text:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_query", f"{field} must not be empty", field
        )
    if "\x00" in text:
        # PostgreSQL cannot compare text holding NUL: refuse it rather than fail.
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "invalid_query",
            f"{field} must not contain NUL characters",
            field,
        )
    if len(text) > MAX_QUERY_LENGTH:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "invalid_query",
            f"{field} must be at most {MAX_QUERY_LENGTH} characters, got {len(text)}",
            field,
        )
    return text


def parse_entities(value: str | None) -> tuple[SearchEntity, ...]:
    """``pipeline,version,...`` as entities (every kind when empty); a 422 naming ``entities``."""
    from dag_factory.spec.suggestions import did_you_mean

    names = [name.strip() for name in (value or "").split(",") if name.strip()]
    choices = [entity.value for entity in SearchEntity]
    for name in names:
        if name not in choices:
            raise ApiError(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                "unknown_entity",
                f"no entity {name!r}{did_you_mean(name, choices)}; entities: {', '.join(choices)}",
                "entities",
            )
    return tuple(entity for entity in SearchEntity if not names or entity.value in names)


def search(
    store_search: StoreSearch, text: str, entities: tuple[SearchEntity, ...], limit: int
) -> SearchOutcome:
    """The ``limit`` best hits over ``entities``: higher score first, then by kind.

    Hits of one kind and score keep the order their search gave (versions: newest first).
    """
    searchers = _searchers(store_search)
    found = {entity: searchers[entity](text, limit) for entity in SearchEntity if entity in entities}
    hits = sorted((hit for result in found.values() for hit in result.hits), key=lambda hit: -hit.score)
    return SearchOutcome(hits[:limit], {entity.value: result.total for entity, result in found.items()})


def suggestions(store_search: StoreSearch, prefix: str, limit: int, with_templates: bool) -> list[Suggestion]:
    """Names starting with ``prefix``: pipeline ids and names, template ids, node types, connections."""
    from ui_plugin.api.airflow_connections import connection_ids_starting_with
    from ui_plugin.api.catalog_search import builtin_template_suggestions, node_type_suggestions

    found = store_search.pipeline_suggestions(prefix, limit)
    if with_templates:
        found += builtin_template_suggestions(prefix) + store_search.template_suggestions(prefix, limit)
    found += node_type_suggestions(prefix)
    found += [
        Suggestion(conn_id, "connection", conn_id) for conn_id in connection_ids_starting_with(prefix, limit)
    ]
    unique = {(item.entity, item.id, item.text): item for item in found}
    return sorted(unique.values(), key=lambda item: (item.text.lower(), item.entity, item.id))[:limit]


def _searchers(store_search: StoreSearch) -> dict[SearchEntity, Callable[[str, int], SearchHits]]:
    from ui_plugin.api.catalog_search import node_type_hits

    return {
        SearchEntity.PIPELINE: store_search.pipelines,
        SearchEntity.VERSION: store_search.versions,
        SearchEntity.TEMPLATE: lambda text, limit: _templates(store_search, text, limit),
        SearchEntity.NODE_TYPE: node_type_hits,
        SearchEntity.CONNECTION: _connections,
    }


def _templates(store_search: StoreSearch, text: str, limit: int) -> SearchHits:
    from ui_plugin.api.catalog_search import builtin_template_hits

    builtin, stored = builtin_template_hits(text, limit), store_search.templates(text, limit)
    hits = sorted((*builtin.hits, *stored.hits), key=lambda hit: (-hit.score, hit.id))
    return SearchHits(tuple(hits[:limit]), builtin.total + stored.total)


def _connections(text: str, limit: int) -> SearchHits:
    from ui_plugin.api.airflow_connections import search_connection_ids

    ranked, total = search_connection_ids(text, limit)
    hits = tuple(
        SearchHit("connection", info.conn_id, info.conn_id, info.description or info.conn_type, int(score))
        for info, score in ranked
    )
    return SearchHits(hits, total)
