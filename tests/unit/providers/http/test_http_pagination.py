"""Next-page requests for each pagination style."""

import pytest

from providers.http.options import HttpPaginationOptions
from providers.http.pagination import (
    PageRequest,
    PageResult,
    PaginationError,
    first_request,
    next_request,
    same_origin,
)

URL = "https://api.example.com/v1/items"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, PageRequest(URL, {"q": "x"})),
        ({"type": "page"}, PageRequest(URL, {"q": "x", "page": 1})),
        ({"type": "page", "start_page": 0, "page_param": "p"}, PageRequest(URL, {"q": "x", "p": 0})),
        (
            {"type": "offset", "page_size": 50, "size_param": "limit"},
            PageRequest(URL, {"q": "x", "limit": 50, "offset": 0}),
        ),
        ({"type": "page", "location": "body"}, PageRequest(URL, {"q": "x"}, {"page": 1})),
        ({"type": "cursor"}, PageRequest(URL, {"q": "x"})),
    ],
)
def test_first_request_carries_the_starting_page_parameters(options, expected):
    assert first_request(PageRequest(URL, {"q": "x"}), HttpPaginationOptions(**options)) == expected


@pytest.mark.parametrize(
    ("options", "previous", "page", "expected"),
    [
        ({"type": "none"}, PageRequest(URL), PageResult({}, 10), None),
        ({"type": "page"}, PageRequest(URL, {"page": 3}), PageResult({}, 10), PageRequest(URL, {"page": 4})),
        ({"type": "page"}, PageRequest(URL, {"page": 3}), PageResult({}, 0), None),
        ({"type": "page", "page_size": 10}, PageRequest(URL, {"page": 3}), PageResult({}, 9), None),
        (
            {"type": "page", "location": "body"},
            PageRequest(URL, {}, {"page": 2, "q": 1}),
            PageResult({}, 5),
            PageRequest(URL, {}, {"page": 3, "q": 1}),
        ),
        (
            {"type": "offset", "page_size": 5},
            PageRequest(URL, {"offset": 10}),
            PageResult({}, 5),
            PageRequest(URL, {"offset": 15}),
        ),
        ({"type": "offset", "page_size": 5}, PageRequest(URL, {"offset": 10}), PageResult({}, 4), None),
        (
            {"type": "cursor", "cursor_path": "meta.next", "cursor_param": "after"},
            PageRequest(URL, {"after": "a"}),
            PageResult({"meta": {"next": "b"}}, 3),
            PageRequest(URL, {"after": "b"}),
        ),
        ({"type": "cursor"}, PageRequest(URL), PageResult({"next_cursor": None}, 3), None),
        ({"type": "cursor"}, PageRequest(URL), PageResult({"next_cursor": ""}, 3), None),
        (
            {"type": "link_header"},
            PageRequest(URL, {"page": 1}),
            PageResult([], 3, {"next": {"url": URL + "?page=2"}}),
            PageRequest(URL + "?page=2"),
        ),
        ({"type": "link_header"}, PageRequest(URL), PageResult([], 3, {"prev": {"url": URL}}), None),
        (
            {"type": "next_url", "next_url_path": "links.next"},
            PageRequest(URL, {"page": 1}),
            PageResult({"links": {"next": "items?page=2"}}, 3),
            PageRequest("https://api.example.com/v1/items?page=2"),
        ),
        ({"type": "next_url"}, PageRequest(URL), PageResult({"next": None}, 3), None),
    ],
)
def test_next_request_follows_each_style_and_stops_at_the_last_page(options, previous, page, expected):
    assert next_request(previous, page, HttpPaginationOptions(**options)) == expected


@pytest.mark.parametrize(
    "target",
    [
        "http://api.example.com/v1/x",
        "https://evil.example.com/x",
        "https://api.example.com:8443/x",
        "//evil.com/x",
    ],
)
def test_next_links_leaving_scheme_host_or_port_are_refused(target):
    with pytest.raises(PaginationError, match="refusing to send credentials"):
        same_origin(URL, target)


def test_offset_pagination_needs_a_page_size():
    with pytest.raises(ValueError, match="offset pagination needs page_size"):
        HttpPaginationOptions(type="offset")
