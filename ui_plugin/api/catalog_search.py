"""Search of what the deployment ships rather than stores: node types and built-in templates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ui_plugin.api.search_matching import rank
from ui_plugin.store.search import MatchRank, SearchHit, SearchHits, Suggestion


@dataclass(frozen=True)
class _Candidate:
    id: str
    title: str
    body: str
    score: MatchRank | None


def node_type_hits(text: str, limit: int) -> SearchHits:
    """Node types whose name, title, description or category contains ``text``."""
    from dag_factory.registry.catalog import default_registry

    candidates = (
        _Candidate(
            component.name,
            component.title,
            component.description,
            rank(text, (component.name, component.title), (component.description, component.category.value)),
        )
        for component in default_registry()
    )
    return _ranked("node_type", candidates, limit)


def builtin_template_hits(text: str, limit: int) -> SearchHits:
    """Built-in templates whose id, title or description contains ``text``."""
    from dag_factory.templates import builtin_templates

    candidates = (
        _Candidate(
            template.id,
            template.title,
            template.description,
            rank(text, (template.id, template.title), (template.description,)),
        )
        for template in builtin_templates().values()
    )
    return _ranked("template", candidates, limit)


def node_type_suggestions(prefix: str) -> list[Suggestion]:
    """Node type names starting with ``prefix`` (ignoring case)."""
    from dag_factory.registry.catalog import default_registry

    return _starting(prefix, default_registry().names(), "node_type")


def builtin_template_suggestions(prefix: str) -> list[Suggestion]:
    """Built-in template ids starting with ``prefix`` (ignoring case)."""
    from dag_factory.templates import builtin_templates

    return _starting(prefix, builtin_templates(), "template")


def _ranked(entity: str, candidates: Iterable[_Candidate], limit: int) -> SearchHits:
    matches = sorted(
        (candidate for candidate in candidates if candidate.score is not None),
        key=lambda candidate: (-int(candidate.score or 0), candidate.id),
    )
    hits = tuple(
        SearchHit(entity, match.id, match.title, match.body or match.title, int(match.score or 0))
        for match in matches[:limit]
    )
    return SearchHits(hits, len(matches))


def _starting(prefix: str, names: Iterable[str], entity: str) -> list[Suggestion]:
    start = prefix.lower()
    return [Suggestion(name, entity, name) for name in sorted(names) if name.lower().startswith(start)]
