"""Ranking and snippets for search results matched in memory (node types, templates, connections).

The ranks are the store's (:class:`~ui_plugin.store.search.MatchRank`), so results from the
database and from memory sort together.
"""

from __future__ import annotations

from ui_plugin.store.search import MatchRank

SNIPPET_LENGTH = 160


def rank(text: str, titles: tuple[str | None, ...], others: tuple[str | None, ...] = ()) -> MatchRank | None:
    """How ``text`` matches: exact or prefix on a title, substring on any field; None: no match."""
    needle = text.lower()
    lowered = [title.lower() for title in titles if title]
    if needle in lowered:
        return MatchRank.EXACT
    if any(title.startswith(needle) for title in lowered):
        return MatchRank.PREFIX
    if any(needle in field.lower() for field in (*titles, *others) if field):
        return MatchRank.SUBSTRING
    return None


def snippet(source: str, text: str, length: int = SNIPPET_LENGTH) -> str:
    """At most ``length`` characters of ``source`` around the first match of ``text``."""
    flat = " ".join(source.split())
    if len(flat) <= length:
        return flat
    at = max(flat.lower().find(text.lower()), 0)
    start = max(0, min(at - length // 3, len(flat) - length))
    cut = flat[start : start + length]
    return f"{'…' if start else ''}{cut}{'…' if start + length < len(flat) else ''}"
