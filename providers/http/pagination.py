"""Which request fetches the next page, for each pagination style (pure functions)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from providers.http.options import HttpPaginationOptions
from providers.http.records import get_path


class PaginationError(ValueError):
    """A next-page link cannot be followed (e.g. it points to another host)."""


@dataclass(frozen=True)
class PageRequest:
    """One request: URL, query parameters and JSON body."""

    url: str
    params: dict[str, Any] = field(default_factory=dict)
    json_body: Any = None

    def with_param(self, name: str, value: Any, location: str) -> PageRequest:
        """A copy with ``name=value`` in the query or the JSON body."""
        if location == "body":
            body = dict(self.json_body or {})
            body[name] = value
            return replace(self, json_body=body)
        return replace(self, params={**self.params, name: value})


@dataclass(frozen=True)
class PageResult:
    """What the paginator needs to know about a fetched page."""

    body: Any
    record_count: int
    links: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def first_request(request: PageRequest, options: HttpPaginationOptions) -> PageRequest:
    """The first page's request."""
    if options.size_param and options.page_size:
        request = request.with_param(options.size_param, options.page_size, options.location)
    if options.type == "page":
        return request.with_param(options.page_param, options.start_page, options.location)
    if options.type == "offset":
        return request.with_param(options.offset_param, 0, options.location)
    return request


def next_request(
    previous: PageRequest, page: PageResult, options: HttpPaginationOptions
) -> PageRequest | None:
    """The request of the page after ``previous``, or ``None`` when it was the last page."""
    kind = options.type
    if kind == "none":
        return None
    if kind in {"page", "offset"}:
        if page.record_count == 0 or (options.page_size and page.record_count < options.page_size):
            return None
        if kind == "page":
            current = _current(previous, options.page_param, options.location, options.start_page)
            return previous.with_param(options.page_param, int(current) + 1, options.location)
        current = _current(previous, options.offset_param, options.location, 0)
        return previous.with_param(options.offset_param, int(current) + page.record_count, options.location)
    if kind == "cursor":
        token = get_path(page.body, options.cursor_path)
        if token in (None, "", False):
            return None
        return previous.with_param(options.cursor_param, token, options.location)
    if kind == "link_header":
        target = (page.links.get("next") or {}).get("url")
    else:
        target = get_path(page.body, options.next_url_path)
    if not target:
        return None
    return PageRequest(url=same_origin(previous.url, str(target)), json_body=previous.json_body)


def _current(request: PageRequest, name: str, location: str, default: Any) -> Any:
    source = (request.json_body or {}) if location == "body" else request.params
    return source.get(name, default)


def same_origin(current: str, target: str) -> str:
    """``target`` resolved against ``current``; refused if it leaves the scheme, host and port."""
    resolved = urljoin(current, target)
    here, there = urlsplit(current), urlsplit(resolved)
    if (here.scheme, here.hostname, here.port) != (there.scheme, there.hostname, there.port):
        raise PaginationError(
            f"next page link points to {there.scheme}://{there.hostname}, not the connection's host "
            f"{here.hostname}; refusing to send credentials there"
        )
    return resolved
