"""The audit route through Airflow's API server: who did what, filtered and paged."""

from __future__ import annotations

from test_pipeline_routes import created, error_of, saved, spec_data

pytest_plugins = ["api_fixtures"]


def entries(caller, **params):
    response = caller.get("/audit", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_audit_log_lists_who_did_what_newest_first(api_store, as_role):
    created(as_role("User"), spec_data())
    saved(as_role("User"), spec_data(name="Orders"), row_version=1, message="Name it")
    assert as_role("Admin").delete("/pipelines/orders_daily").status_code == 200
    created(as_role("User"), spec_data("other"))

    log = entries(as_role("Viewer"), entity_type="pipeline", entity_id="orders_daily")

    assert [(entry["actor"], entry["action"]) for entry in log["items"]] == [
        ("api_admin", "delete"),
        ("api_user", "commit_version"),
        ("api_user", "save_draft"),
        ("api_user", "create"),
    ]
    assert log["items"][1]["details"] == {
        "version": 2,
        "content_hash": log["items"][2]["details"]["content_hash"],
    } | {"message": "Name it"}
    assert log["items"][0]["at"] >= log["items"][3]["at"]
    assert entries(as_role("Viewer"))["total"] == 5


def test_the_audit_log_filters_by_actor_and_pages(api_store, as_role):
    created(as_role("User"), spec_data())
    created(as_role("Admin"), spec_data("by_admin"))
    created(as_role("User"), spec_data("third"))
    viewer = as_role("Viewer")

    assert [entry["entity_id"] for entry in entries(viewer, actor="api_admin")["items"]] == ["by_admin"]
    page = entries(viewer, actor="api_user", limit=1, offset=1)
    assert ([entry["entity_id"] for entry in page["items"]], page["total"]) == (["orders_daily"], 2)
    assert entries(viewer, entity_type="template")["total"] == 0


def test_a_bad_page_size_is_422_naming_it(api_store, as_role):
    assert error_of(as_role("Viewer").get("/audit", params={"limit": 0}), 422)["field"] == "query.limit"
