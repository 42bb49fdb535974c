"""Body parsing, record paths and flattening."""

import pytest

from providers.http.records import (
    MalformedBodyError,
    extract_records,
    flatten,
    get_path,
    parse_body,
    parse_path,
)

DOC = {
    "data": {"items": [{"id": 1, "tags": ["a"]}, {"id": 2, "tags": []}]},
    "pages": [{"rows": [1, 2]}, {"rows": [3]}],
}


@pytest.mark.parametrize(
    ("path", "segments"),
    [
        (None, []),
        ("$", []),
        ("data.items", ["data", "items"]),
        ("$.data.items", ["data", "items"]),
        ("data[0].id", ["data", 0, "id"]),
        ("pages[*].rows", ["pages", "*", "rows"]),
        ("a[-1]", None),
    ],
)
def test_record_paths_split_into_segments(path, segments):
    if segments is None:
        with pytest.raises(ValueError, match="invalid record path"):
            parse_path(path)
    else:
        assert parse_path(path) == segments


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("data.items[1].id", 2),
        ("data.items[5].id", None),
        ("data.missing", None),
        ("data.items.id", None),
        ("pages[*].rows", [1, 2, 3]),
        ("data.items[*].id", [1, 2]),
        (None, DOC),
    ],
)
def test_get_path_finds_values_or_none(path, value):
    assert get_path(DOC, path) == value


@pytest.mark.parametrize(
    ("documents", "path", "records"),
    [
        ([DOC], "data.items", [{"id": 1, "tags": ["a"]}, {"id": 2, "tags": []}]),
        ([[{"a": 1}, {"a": 2}]], None, [{"a": 1}, {"a": 2}]),
        ([{"a": 1}], None, [{"a": 1}]),
        ([DOC], "pages[*].rows", [{"value": 1}, {"value": 2}, {"value": 3}]),
        ([{"x": {"r": [1]}}, {"x": {"r": [2]}}], "x.r", [{"value": 1}, {"value": 2}]),
        ([{"data": []}], "data", []),
    ],
)
def test_extract_records_returns_dicts_at_the_path(documents, path, records):
    assert extract_records(documents, path) == records


def test_a_missing_record_path_is_a_malformed_body():
    with pytest.raises(MalformedBodyError, match=r"no value at record path 'data\.items'"):
        extract_records([{"error": "x"}], "data.items")


@pytest.mark.parametrize(
    ("content", "fmt", "documents"),
    [
        (b'{"a": 1}', "json", [{"a": 1}]),
        (b"", "json", []),
        (b'{"a": 1}\n\n{"a": 2}\n', "jsonl", [{"a": 1}, {"a": 2}]),
        (b'{"a": ', "json", None),
        (b'{"a": 1}\nnope', "jsonl", None),
        (b"\xff\xfe", "json", None),
    ],
)
def test_parse_body_reads_json_and_jsonl_or_reports_malformed(content, fmt, documents):
    if documents is None:
        with pytest.raises(MalformedBodyError, match=f"malformed {fmt.upper()} body"):
            parse_body(content, fmt)
    else:
        assert parse_body(content, fmt) == documents


@pytest.mark.parametrize(
    ("record", "separator", "flat"),
    [
        ({"a": 1}, "_", {"a": 1}),
        ({"a": {"b": 1, "c": {"d": 2}}}, "_", {"a_b": 1, "a_c_d": 2}),
        ({"a": {"b": 1}}, ".", {"a.b": 1}),
        ({"a": [{"b": 1}]}, "_", {"a": [{"b": 1}]}),
        ({"a": {}, "b": None}, "_", {"a": None, "b": None}),
    ],
)
def test_flatten_joins_nested_names_and_keeps_lists(record, separator, flat):
    assert flatten(record, separator) == flat
