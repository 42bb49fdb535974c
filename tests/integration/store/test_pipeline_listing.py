"""Pipeline lists: paging, sorting, filters and text search, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from store_specs import make_spec

from ui_plugin.store.errors import InvalidInputError
from ui_plugin.store.listing import PipelineQuery

pytest_plugins = ["store_fixtures"]


@pytest.fixture
def catalogue(store):
    pipelines = [
        make_spec("orders_daily", name="Daily Orders", owner="sales", tags=["sales", "daily"]),
        make_spec("refunds", name="Refund audit", description="Matches ORDERS with refunds", owner="finance"),
        make_spec("stock_levels", name="Stock", owner="ops", tags=["daily"]),
        make_spec("web_100_sample", name="Web 100% sample", owner="web"),
        make_spec("zz_archive", owner="ops", tags=["sales"]),
    ]
    for spec in pipelines:
        store.pipelines.create(spec, actor="alice")
    return store


def ids(store, **query) -> list[str]:
    return [pipeline.id for pipeline in store.pipelines.list(PipelineQuery(**query)).items]


def test_pages_follow_the_order_and_count_every_match(catalogue):
    first = catalogue.pipelines.list(PipelineQuery(limit=2))
    second = catalogue.pipelines.list(PipelineQuery(limit=2, offset=2))

    assert [p.id for p in first.items] == ["orders_daily", "refunds"]
    assert [p.id for p in second.items] == ["stock_levels", "web_100_sample"]
    assert first.total == second.total == 5
    assert (second.limit, second.offset) == (2, 2)


def test_sort_by_name_uses_the_id_for_unnamed_pipelines(catalogue):
    assert ids(catalogue, sort="name") == [
        "orders_daily",
        "refunds",
        "stock_levels",
        "web_100_sample",
        "zz_archive",
    ]
    assert ids(catalogue, sort="name", descending=True)[0] == "zz_archive"


def test_sort_by_updated_puts_the_last_edited_first_when_descending(catalogue):
    catalogue.pipelines.save_draft(make_spec("refunds", name="Refunds"), expected_row_version=1, actor="bob")

    assert ids(catalogue, sort="updated", descending=True)[0] == "refunds"
    assert ids(catalogue, sort="updated")[-1] == "refunds"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"tag": "daily"}, ["orders_daily", "stock_levels"]),
        ({"tag": "sales", "owner": "ops"}, ["zz_archive"]),
        ({"owner": "finance"}, ["refunds"]),
        ({"status": "draft", "tag": "none"}, []),
    ],
)
def test_filters_combine(catalogue, query, expected):
    assert ids(catalogue, **query) == expected


def test_status_filter(catalogue):
    catalogue.publications.record("refunds", 1, actor="op")
    catalogue.pipelines.delete("zz_archive", actor="op")

    assert ids(catalogue, status="published") == ["refunds"]
    assert ids(catalogue, status="deleted") == ["zz_archive"]
    assert ids(catalogue, status="draft") == ["orders_daily", "stock_levels", "web_100_sample"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("orders", ["orders_daily", "refunds"]),  # id, name and description, any case
        ("ORDERS", ["orders_daily", "refunds"]),
        ("stock", ["stock_levels"]),
        ("100%", ["web_100_sample"]),
        ("_", ["orders_daily", "stock_levels", "web_100_sample", "zz_archive"]),
        ("%", ["web_100_sample"]),
        ("nothing like it", []),
    ],
)
def test_search_matches_id_name_and_description_literally(catalogue, text, expected):
    assert ids(catalogue, search=text) == expected


def test_search_leaves_deleted_pipelines_out(catalogue):
    catalogue.pipelines.delete("refunds", actor="op")

    assert ids(catalogue, search="orders") == ["orders_daily"]
    assert ids(catalogue, search="orders", include_deleted=True) == ["orders_daily", "refunds"]


@pytest.mark.parametrize(
    ("field", "query"),
    [
        ("limit", {"limit": 0}),
        ("limit", {"limit": 501}),
        ("offset", {"offset": -1}),
        ("status", {"status": "archived"}),
        ("sort", {"sort": "size"}),
    ],
)
def test_out_of_range_query_parameters_name_the_field(field, query):
    with pytest.raises(InvalidInputError) as raised:
        PipelineQuery(**query)
    assert raised.value.field == field
