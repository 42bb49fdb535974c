"""Pipeline versions: immutable, numbered, deduplicated by content hash; restore and publish."""

from __future__ import annotations

import pytest
from store_specs import make_spec

from ui_plugin.store.errors import NotFoundError
from ui_plugin.store.records import VersionNumbers

pytest_plugins = ["store_fixtures"]


def test_committing_a_changed_draft_creates_the_next_version(store):
    store.pipelines.create(make_spec(), actor="alice")
    edited = make_spec(params={"min_amount": 5})
    store.pipelines.save_draft(edited, expected_row_version=1, actor="bob")

    version, created = store.versions.commit("orders_daily", author="bob", message="lower threshold")

    assert created
    assert (version.number, version.author, version.message) == (2, "bob", "lower threshold")
    assert version.content_hash == edited.content_hash
    assert version.spec == edited.to_data()
    assert store.versions.get("orders_daily", 2) == version
    assert store.versions.latest("orders_daily") == version


def test_committing_the_content_of_the_latest_version_creates_nothing(store):
    store.pipelines.create(make_spec(), actor="alice")

    version, created = store.versions.commit("orders_daily", author="bob", message="again")

    assert not created
    assert version.number == 1
    assert [v.number for v in store.versions.list("orders_daily").items] == [1]


def test_versions_do_not_change_when_the_draft_does(store):
    store.pipelines.create(make_spec(), actor="alice")
    first = store.versions.get("orders_daily", 1)

    store.pipelines.save_draft(make_spec(name="new name"), expected_row_version=1, actor="bob")
    store.versions.commit("orders_daily", author="bob")
    store.versions.restore("orders_daily", 1, actor="bob")
    store.pipelines.delete("orders_daily", actor="bob")
    store.pipelines.restore("orders_daily", actor="bob")

    assert store.versions.get("orders_daily", 1) == first


def test_versions_list_newest_first_in_pages(store):
    store.pipelines.create(make_spec(), actor="alice")
    for row_version in range(1, 5):
        store.pipelines.save_draft(
            make_spec(params={"n": row_version}), expected_row_version=row_version, actor="alice"
        )
        store.versions.commit("orders_daily", author="alice", message=f"n={row_version}")

    page = store.versions.list("orders_daily", limit=2, offset=1)

    assert page.total == 5
    assert [v.number for v in page.items] == [4, 3]


def test_restoring_a_version_makes_it_the_draft_and_a_commit_records_it_as_new(store):
    original = make_spec()
    store.pipelines.create(original, actor="alice")
    store.pipelines.save_draft(make_spec(name="v2"), expected_row_version=1, actor="alice")
    store.versions.commit("orders_daily", author="alice", message="v2")

    restored = store.versions.restore("orders_daily", 1, actor="bob", expected_row_version=2)

    assert restored.draft_hash == original.content_hash
    assert restored.name is None
    assert restored.row_version == 3
    version, created = store.versions.commit("orders_daily", author="bob", message="back to v1")
    assert created
    assert (version.number, version.content_hash) == (3, original.content_hash)


def test_unknown_version_is_not_found(store):
    store.pipelines.create(make_spec(), actor="alice")

    with pytest.raises(NotFoundError, match="orders_daily@7") as raised:
        store.versions.get("orders_daily", 7)
    assert raised.value.field == "version"
    with pytest.raises(NotFoundError):
        store.versions.list("nope")


def test_a_publication_records_the_version_and_makes_the_pipeline_published(store):
    store.pipelines.create(make_spec(), actor="alice")
    assert store.publications.current("orders_daily") is None
    store.pipelines.save_draft(make_spec(name="v2"), expected_row_version=1, actor="alice")
    store.versions.commit("orders_daily", author="alice")

    store.publications.record("orders_daily", 1, actor="op")
    latest = store.publications.record("orders_daily", 2, actor="op")

    assert (latest.version_number, latest.published_by) == (2, "op")
    assert latest.content_hash == store.versions.get("orders_daily", 2).content_hash
    assert store.publications.current("orders_daily") == latest
    assert [p.version_number for p in store.publications.history("orders_daily")] == [2, 1]
    assert store.pipelines.get("orders_daily").status == "published"
    with pytest.raises(NotFoundError):
        store.publications.record("orders_daily", 9, actor="op")


def test_version_numbers_name_the_newest_and_the_published_version(store):
    store.pipelines.create(make_spec(), actor="alice")
    assert store.pipelines.version_numbers("orders_daily") == VersionNumbers(latest=1, published=None)
    store.pipelines.save_draft(make_spec(name="v2"), expected_row_version=1, actor="alice")
    store.versions.commit("orders_daily", author="alice")
    store.pipelines.save_draft(make_spec(name="v3"), expected_row_version=2, actor="alice")
    store.versions.commit("orders_daily", author="alice")

    store.publications.record("orders_daily", 3, actor="op")
    store.publications.record("orders_daily", 2, actor="op")

    # The publication in force is the newest one, not the one of the highest version.
    assert store.pipelines.version_numbers("orders_daily") == VersionNumbers(latest=3, published=2)
    with pytest.raises(NotFoundError):
        store.pipelines.version_numbers("nope")


def test_a_save_with_a_commit_message_commits_the_version_with_it(store):
    created = store.pipelines.create(make_spec("orders_daily"), actor="alice")
    saved = store.pipelines.save_draft(
        make_spec("orders_daily", name="Renamed"),
        expected_row_version=created.row_version,
        actor="bob",
        commit_message="Rename",
    )
    latest = store.versions.latest("orders_daily")
    assert (latest.number, latest.author, latest.message) == (2, "bob", "Rename")
    assert latest.content_hash == saved.draft_hash

    again = store.pipelines.save_draft(
        make_spec("orders_daily", name="Renamed"),
        expected_row_version=saved.row_version,
        actor="bob",
        commit_message="Nothing changed",
    )
    assert again.row_version == saved.row_version
    assert store.versions.latest("orders_daily").number == 2


def test_a_restore_with_a_commit_message_commits_the_restored_draft(store):
    created = store.pipelines.create(make_spec("orders_daily"), actor="alice")
    store.pipelines.save_draft(
        make_spec("orders_daily", name="Second"),
        expected_row_version=created.row_version,
        actor="alice",
        commit_message="Second",
    )
    restored = store.versions.restore("orders_daily", 1, actor="carol", commit_message="Restored version 1")
    latest = store.versions.latest("orders_daily")
    assert (latest.number, latest.author, latest.message) == (3, "carol", "Restored version 1")
    assert latest.content_hash == restored.draft_hash == store.versions.get("orders_daily", 1).content_hash
