"""Pipelines in the store: create, read, edit drafts with optimistic concurrency, soft delete."""

from __future__ import annotations

import pytest
from store_specs import make_spec

from ui_plugin.store.errors import AlreadyExistsError, ConflictError, NotFoundError, PipelineDeletedError
from ui_plugin.store.listing import PipelineQuery

pytest_plugins = ["store_fixtures"]


def test_create_stores_the_draft_and_version_one(store):
    spec = make_spec(name="Daily orders", description="Roll-up", owner="sales", tags=["b", "a"])

    created = store.pipelines.create(spec, actor="alice")

    assert created.id == "orders_daily"
    assert (created.name, created.description, created.owner) == ("Daily orders", "Roll-up", "sales")
    assert created.tags == ("b", "a")
    assert created.status == "draft"
    assert created.row_version == 1
    assert created.draft_spec == spec.to_data()
    assert created.draft_hash == spec.content_hash
    assert created.created_by == created.updated_by == "alice"
    assert created.created_at.tzinfo is not None
    assert store.pipelines.get("orders_daily") == created
    [version] = store.versions.list("orders_daily").items
    assert (version.number, version.content_hash, version.author) == (1, spec.content_hash, "alice")


def test_creating_an_existing_id_fails_and_keeps_the_first(store):
    store.pipelines.create(make_spec(name="first"), actor="alice")

    with pytest.raises(AlreadyExistsError, match="orders_daily"):
        store.pipelines.create(make_spec(name="second"), actor="bob")

    assert store.pipelines.get("orders_daily").name == "first"


def test_create_many_stores_all_or_none(store):
    store.pipelines.create(make_spec("taken"), actor="alice")
    with pytest.raises(AlreadyExistsError):
        store.pipelines.create_many([make_spec("first"), make_spec("taken")], actor="bob")
    assert [record.id for record in store.pipelines.list().items] == ["taken"]
    assert store.audit.list(actor="bob").total == 0

    created = store.pipelines.create_many(
        [make_spec("first"), make_spec("second")], actor="bob", message="Bulk"
    )
    assert [record.id for record in created] == ["first", "second"]
    assert store.versions.get("second", 1).message == "Bulk"


def test_unknown_pipeline_is_not_found(store):
    with pytest.raises(NotFoundError, match="'nope' does not exist") as raised:
        store.pipelines.get("nope")
    assert raised.value.field == "id"


def test_save_draft_replaces_the_draft_and_moves_the_row_version(store):
    store.pipelines.create(make_spec(tags=["a", "b"]), actor="alice")
    edited = make_spec(name="Renamed", tags=["b", "c"])

    saved = store.pipelines.save_draft(edited, expected_row_version=1, actor="bob")

    assert saved.row_version == 2
    assert saved.name == "Renamed"
    assert saved.tags == ("b", "c")
    assert saved.updated_by == "bob"
    assert saved.created_by == "alice"
    assert saved.draft_hash == edited.content_hash
    assert store.pipelines.get("orders_daily") == saved


def test_saving_unchanged_content_changes_nothing(store):
    created = store.pipelines.create(make_spec(), actor="alice")

    saved = store.pipelines.save_draft(make_spec(), expected_row_version=1, actor="bob")

    assert saved == created
    assert len(store.versions.list("orders_daily").items) == 1


def test_a_stale_save_is_refused_with_the_current_row_version(store):
    store.pipelines.create(make_spec(), actor="alice")
    store.pipelines.save_draft(make_spec(name="alice's edit"), expected_row_version=1, actor="alice")

    with pytest.raises(ConflictError) as raised:
        store.pipelines.save_draft(make_spec(name="bob's edit"), expected_row_version=1, actor="bob")

    assert (raised.value.expected, raised.value.current) == (1, 2)
    assert raised.value.field == "row_version"
    assert "reload" in raised.value.message
    assert store.pipelines.get("orders_daily").name == "alice's edit"


def test_of_two_writers_that_read_the_same_row_version_only_the_first_wins(store):
    store.pipelines.create(make_spec(), actor="alice")
    read_by_both = store.pipelines.get("orders_daily").row_version
    results = []
    for writer in ("alice", "bob"):
        try:
            store.pipelines.save_draft(
                make_spec(name=f"{writer}'s edit"), expected_row_version=read_by_both, actor=writer
            )
            results.append(writer)
        except ConflictError as conflict:
            results.append(conflict.current)

    assert results == ["alice", 2]


def test_soft_delete_hides_the_pipeline_until_restored(store):
    store.pipelines.create(make_spec(), actor="alice")
    store.pipelines.create(make_spec("other"), actor="alice")

    deleted = store.pipelines.delete("orders_daily", actor="bob", expected_row_version=1)

    assert deleted.status == "deleted"
    assert deleted.deleted_at is not None
    assert [p.id for p in store.pipelines.list().items] == ["other"]
    assert [p.id for p in store.pipelines.list(PipelineQuery(include_deleted=True)).items] == [
        "orders_daily",
        "other",
    ]
    assert [p.id for p in store.pipelines.list(PipelineQuery(status="deleted")).items] == ["orders_daily"]
    with pytest.raises(NotFoundError):
        store.pipelines.get("orders_daily")
    assert store.pipelines.get("orders_daily", include_deleted=True).status == "deleted"

    restored = store.pipelines.restore("orders_daily", actor="bob")

    assert (restored.status, restored.deleted_at, restored.row_version) == ("draft", None, 3)
    assert [p.id for p in store.pipelines.list().items] == ["orders_daily", "other"]
    assert len(store.versions.list("orders_daily").items) == 1


def test_a_deleted_pipeline_cannot_be_edited_or_recreated(store):
    store.pipelines.create(make_spec(), actor="alice")
    store.pipelines.delete("orders_daily", actor="alice")

    with pytest.raises(PipelineDeletedError, match="restore it"):
        store.pipelines.save_draft(make_spec(name="x"), expected_row_version=2, actor="bob")
    with pytest.raises(AlreadyExistsError, match="restore it instead"):
        store.pipelines.create(make_spec(), actor="bob")


def test_a_stale_delete_is_refused(store):
    store.pipelines.create(make_spec(), actor="alice")
    store.pipelines.save_draft(make_spec(name="edit"), expected_row_version=1, actor="alice")

    with pytest.raises(ConflictError):
        store.pipelines.delete("orders_daily", actor="bob", expected_row_version=1)

    assert store.pipelines.get("orders_daily").status == "draft"


def test_restoring_a_published_pipeline_makes_it_published_again(store):
    store.pipelines.create(make_spec(), actor="alice")
    store.publications.record("orders_daily", 1, actor="alice")
    store.pipelines.delete("orders_daily", actor="alice")

    assert store.pipelines.restore("orders_daily", actor="alice").status == "published"


def test_concurrent_saves_from_the_same_row_version_let_exactly_one_through(store):
    from concurrent.futures import ThreadPoolExecutor

    store.pipelines.create(make_spec(), actor="alice")

    def save(writer: int) -> str:
        try:
            store.pipelines.save_draft(
                make_spec(params={"writer": writer}), expected_row_version=1, actor=f"w{writer}"
            )
        except ConflictError as conflict:
            return f"conflict at {conflict.current}"
        return "saved"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = sorted(pool.map(save, range(6)))

    assert outcomes == ["conflict at 2"] * 5 + ["saved"]
    assert store.pipelines.get("orders_daily").row_version == 2
    assert len(store.audit.list(entity_type="pipeline", limit=10).items) == 2
