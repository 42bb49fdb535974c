"""Every change to the store writes one audit entry, in the same transaction; templates too."""

from __future__ import annotations

import pytest
from store_specs import make_spec

from ui_plugin.store.errors import AlreadyExistsError, ConflictError, NotFoundError

pytest_plugins = ["store_fixtures"]


def actions(store, **filters) -> list[tuple[str, str, str]]:
    page = store.audit.list(**filters)
    return [(entry.actor, entry.action, entry.entity_id) for entry in reversed(page.items)]


def test_each_pipeline_change_writes_an_audit_entry(store):
    store.pipelines.create(make_spec(), actor="alice")
    store.pipelines.save_draft(make_spec(name="v2"), expected_row_version=1, actor="bob")
    store.versions.commit("orders_daily", author="bob", message="named")
    store.versions.restore("orders_daily", 1, actor="carol")
    store.publications.record("orders_daily", 2, actor="op")
    store.pipelines.delete("orders_daily", actor="op")
    store.pipelines.restore("orders_daily", actor="admin")

    assert actions(store, entity_type="pipeline", entity_id="orders_daily") == [
        ("alice", "create", "orders_daily"),
        ("bob", "save_draft", "orders_daily"),
        ("bob", "commit_version", "orders_daily"),
        ("carol", "restore_version", "orders_daily"),
        ("op", "publish", "orders_daily"),
        ("op", "delete", "orders_daily"),
        ("admin", "restore", "orders_daily"),
    ]
    newest = store.audit.list(limit=1).items[0]
    assert newest.at.tzinfo is not None
    commit = store.audit.list(actor="bob", limit=1).items[0]
    assert commit.details == {
        "version": 2,
        "content_hash": make_spec(name="v2").content_hash,
        "message": "named",
    }


def test_refused_and_empty_changes_write_no_audit_entry(store):
    store.pipelines.create(make_spec(), actor="alice")
    store.pipelines.save_draft(make_spec(), expected_row_version=1, actor="bob")
    store.versions.commit("orders_daily", author="bob")
    with pytest.raises(ConflictError):
        store.pipelines.save_draft(make_spec(name="x"), expected_row_version=7, actor="bob")
    with pytest.raises(AlreadyExistsError):
        store.pipelines.create(make_spec(), actor="bob")

    assert actions(store) == [("alice", "create", "orders_daily")]


def test_audit_pages_and_filters(store):
    for pipeline_id in ("a", "b", "c"):
        store.pipelines.create(make_spec(pipeline_id), actor="alice")

    page = store.audit.list(limit=2, offset=0)

    assert page.total == 3
    assert [entry.entity_id for entry in page.items] == ["c", "b"]
    assert actions(store, entity_id="b") == [("alice", "create", "b")]
    assert actions(store, actor="nobody") == []


def test_templates_are_stored_listed_and_deleted_with_audit(store):
    spec = make_spec("tmpl").to_data()
    parameters = {"table": {"type": "string", "default": "public.orders"}}

    created = store.templates.create(
        "orders_copy", title="Copy orders", parameters=parameters, spec=spec, actor="op", description="d"
    )
    store.templates.create("another", title="Another", parameters={}, spec=spec, actor="op")

    assert store.templates.get("orders_copy") == created
    assert (created.title, created.parameters, created.spec, created.description) == (
        "Copy orders",
        parameters,
        spec,
        "d",
    )
    assert [t.id for t in store.templates.list().items] == ["another", "orders_copy"]
    with pytest.raises(AlreadyExistsError):
        store.templates.create("another", title="x", parameters={}, spec=spec, actor="op")

    store.templates.delete("orders_copy", actor="admin")

    with pytest.raises(NotFoundError):
        store.templates.get("orders_copy")
    assert actions(store, entity_type="template") == [
        ("op", "create", "orders_copy"),
        ("op", "create", "another"),
        ("admin", "delete", "orders_copy"),
    ]
