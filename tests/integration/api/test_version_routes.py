"""Version routes through Airflow's API server: history, one version, diff, restore as the draft."""

from __future__ import annotations

import pytest
from test_pipeline_routes import code_spec_data, created, error_of, saved, spec_data

pytest_plugins = ["api_fixtures"]


@pytest.fixture
def three_versions(api_store, as_role):
    """orders_daily at versions 1 (created), 2 (renamed) and 3 (a node and a tag added)."""
    user = as_role("User")
    created(user, spec_data())
    saved(user, spec_data(name="Orders"), row_version=1, message="Name it")
    nodes = spec_data()["nodes"] + [
        {"id": "copy", "type": "sink.file", "inputs": ["orders"], "config": {"path": "copy.csv"}}
    ]
    saved(user, spec_data(name="Orders", tags=["sales"], nodes=nodes), row_version=2, message="Keep a copy")
    return api_store


def test_saves_make_versions_listed_newest_first_with_author_and_message(three_versions, as_role):
    response = as_role("Viewer").get("/pipelines/orders_daily/versions")

    assert response.status_code == 200, response.text
    page = response.json()
    assert page["total"] == 3
    assert [(v["number"], v["author"], v["message"]) for v in page["items"]] == [
        (3, "api_user", "Keep a copy"),
        (2, "api_user", "Name it"),
        (1, "api_user", "Created"),
    ]
    assert "spec" not in page["items"][0]
    second = (
        as_role("Viewer").get("/pipelines/orders_daily/versions", params={"limit": 1, "offset": 1}).json()
    )
    assert [v["number"] for v in second["items"]] == [2]


def test_one_version_holds_its_spec(three_versions, as_role):
    response = as_role("Viewer").get("/pipelines/orders_daily/versions/2")

    assert response.status_code == 200, response.text
    assert response.json()["spec"] == spec_data(name="Orders")
    assert response.json()["content_hash"] == three_versions.versions.get("orders_daily", 2).content_hash


def test_an_unknown_version_or_pipeline_is_404_naming_it(three_versions, as_role):
    viewer = as_role("Viewer")

    assert error_of(viewer.get("/pipelines/orders_daily/versions/9"), 404)["field"] == "version"
    assert error_of(viewer.get(f"/pipelines/orders_daily/versions/{2**63}"), 422)["field"] == "path.number"
    assert error_of(viewer.get("/pipelines/nope/versions"), 404)["field"] == "id"
    assert error_of(viewer.get("/pipelines/nope/versions/1"), 404)["field"] == "id"


def test_the_diff_between_two_versions_names_nodes_config_and_edges(three_versions, as_role):
    response = as_role("Viewer").get(
        "/pipelines/orders_daily/diff", params={"from_version": 1, "to_version": 3}
    )

    assert response.status_code == 200, response.text
    diff = response.json()
    assert (diff["from_version"], diff["to_version"]) == (1, 3)
    assert diff["nodes"]["added"] == [{"id": "copy", "type": "sink.file"}]
    assert diff["edges"]["added"] == [{"from": "orders", "to": "copy"}]
    assert {change["path"] for change in diff["pipeline"]} == {"name", "tags[0]"}
    assert diff["summary"].startswith("2 pipeline fields changed, 1 node added")


def test_the_diff_to_the_draft_shows_config_keys_changed_since_a_version(three_versions, as_role):
    changed = spec_data()
    changed["nodes"][0]["config"]["path"] = "orders_v2.csv"
    saved(as_role("User"), changed, row_version=3)

    diff = as_role("Viewer").get("/pipelines/orders_daily/diff", params={"from_version": 1}).json()

    assert diff["to_version"] == "draft"
    assert diff["nodes"]["changed"] == [
        {
            "id": "orders",
            "fields": [],
            "config": [{"path": "path", "change": "changed", "old": "orders.csv", "new": "orders_v2.csv"}],
        }
    ]
    assert as_role("Viewer").get(
        "/pipelines/orders_daily/diff", params={"from_version": 4, "to_version": "draft"}
    ).json()["summary"] == ("no changes")


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"from_version": 9}, 404, "from_version"),
        ({"from_version": 1, "to_version": 9}, 404, "to_version"),
        ({"from_version": 1, "to_version": "latest"}, 422, "to_version"),
        ({"from_version": 1, "to_version": str(2**63)}, 422, "to_version"),
        ({"from_version": 2**63}, 422, "query.from_version"),
        ({}, 422, "query.from_version"),
    ],
)
def test_a_diff_of_an_unknown_version_names_the_parameter(three_versions, as_role, params, status, field):
    response = as_role("Viewer").get("/pipelines/orders_daily/diff", params=params)

    assert error_of(response, status)["field"] == field


def test_restoring_a_version_makes_it_the_draft_and_a_new_version(three_versions, as_role):
    user = as_role("User")

    response = user.post("/pipelines/orders_daily/versions/1/restore", json={"row_version": 3})

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["row_version"], body["latest_version"], body["draft_spec"]) == (4, 4, spec_data())
    latest = three_versions.versions.get("orders_daily", 4)
    assert (latest.message, latest.author, latest.spec) == ("Restored version 1", "api_user", spec_data())
    again = user.post("/pipelines/orders_daily/versions/1/restore")
    assert (again.json()["row_version"], again.json()["latest_version"]) == (4, 4)


def test_restoring_at_a_stale_row_version_is_409_and_changes_nothing(three_versions, as_role):
    response = as_role("User").post("/pipelines/orders_daily/versions/1/restore", json={"row_version": 2})

    assert error_of(response, 409)["current_row_version"] == 3
    assert three_versions.pipelines.get("orders_daily").name == "Orders"
    assert three_versions.versions.list("orders_daily").total == 3


def test_restoring_a_version_with_other_code_needs_the_code_permission(api_store, as_role):
    admin = as_role("Admin")
    created(admin, code_spec_data())
    saved(admin, code_spec_data(sql="SELECT 2"), row_version=1)

    response = as_role("User").post("/pipelines/with_sql/versions/1/restore")

    assert error_of(response, 403)["code_nodes"] == ["query"]
    assert api_store.pipelines.get("with_sql").draft_spec == code_spec_data(sql="SELECT 2")
    assert admin.post("/pipelines/with_sql/versions/1/restore").json()["latest_version"] == 3
