"""Global search and suggestions through Airflow's real API server, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from store_specs import make_spec
from test_plugin_api import create_user, sign_in

pytest_plugins = ["api_fixtures"]


def create(store, pipeline_id: str, message: str = "Created", **fields) -> None:
    store.pipelines.create(make_spec(pipeline_id, **fields), actor="tester", message=message)


def found(response, entity: str | None = None) -> list[tuple[str, str, int]]:
    assert response.status_code == 200, response.text
    return [
        (result["entity"], result["id"], result["score"])
        for result in response.json()["results"]
        if entity is None or result["entity"] == entity
    ]


@pytest.fixture
def search_connection(api_client) -> Iterator[str]:
    """An Airflow connection whose id search can find."""
    from airflow.models.connection import Connection
    from airflow.utils.session import create_session
    from sqlalchemy import delete

    with create_session() as session:
        session.add(Connection(conn_id="ledger_warehouse", conn_type="postgres", password="pw-Secret-1"))
    yield "ledger_warehouse"
    with create_session() as session:
        session.execute(delete(Connection).where(Connection.conn_id == "ledger_warehouse"))


@pytest.fixture(scope="module")
def pipelines_only_token(api_client) -> str:
    """A token of a user whose role may read pipelines but not templates."""
    role = "Pipelines only"
    for command in (
        ["roles", "create", role],
        ["roles", "add-perms", role, "-r", "Aggregator Pipelines", "-a", "can_read"],
    ):
        subprocess.run(
            [sys.executable, "-m", "airflow", *command],
            check=True,
            capture_output=True,
            env=os.environ.copy(),
        )
    create_user("api_pipelines_only", role)
    return sign_in(api_client, "api_pipelines_only")


def test_exact_matches_rank_before_prefixes_before_substrings(api_store, as_role):
    create(api_store, "daily_ledger")
    create(api_store, "ledger_daily")
    create(api_store, "ledger")
    create(api_store, "sales", description="Feeds the general ledger every night")

    response = as_role("Viewer").get("/search", params={"q": "LEDGER", "entities": "pipeline"})

    assert found(response) == [
        ("pipeline", "ledger", 3),
        ("pipeline", "ledger_daily", 2),
        ("pipeline", "daily_ledger", 1),
        ("pipeline", "sales", 1),
    ]
    sales = response.json()["results"][3]
    assert "general ledger" in sales["snippet"]
    assert response.json()["counts"] == {"pipeline": 4}


def test_pipelines_are_found_by_name_and_by_tag(api_store, as_role):
    create(api_store, "p_named", name="Quarterly revenue")
    create(api_store, "p_tagged", tags=["revenue"])

    response = as_role("Viewer").get("/search", params={"q": "revenue", "entities": "pipeline"})

    assert found(response) == [("pipeline", "p_tagged", 3), ("pipeline", "p_named", 1)]
    assert response.json()["results"][1]["title"] == "Quarterly revenue"


def test_version_messages_are_found_newest_first_with_their_pipeline(api_store, as_role):
    create(api_store, "orders", message="first cut of currency rounding")
    api_store.pipelines.save_draft(make_spec("orders", name="Orders"), expected_row_version=1, actor="tester")
    api_store.versions.commit("orders", author="tester", message="fix currency rounding")

    response = as_role("Viewer").get("/search", params={"q": "currency", "entities": "version"})

    assert found(response) == [("version", "orders@2", 1), ("version", "orders@1", 1)]
    newest = response.json()["results"][0]
    assert (newest["pipeline_id"], newest["version"], newest["snippet"]) == (
        "orders",
        2,
        "fix currency rounding",
    )


def test_stored_and_built_in_templates_node_types_and_connections_are_found(
    api_store, as_role, search_connection
):
    api_store.templates.create(
        "ledger_tpl",
        title="Ledger loader",
        parameters={},
        spec={},
        actor="tester",
        description="Loads ledgers",
    )

    templates = as_role("Viewer").get("/search", params={"q": "ledger", "entities": "template"})
    builtin = as_role("Viewer").get("/search", params={"q": "files compaction", "entities": "template"})
    node_types = as_role("Viewer").get("/search", params={"q": "transform.filter", "entities": "node_type"})
    connections = as_role("Viewer").get("/search", params={"q": "ledger", "entities": "connection"})

    assert found(templates) == [("template", "ledger_tpl", 2)]
    assert found(builtin) == [("template", "files_compaction", 3)]
    assert found(node_types)[0] == ("node_type", "transform.filter", 3)
    assert found(connections) == [("connection", search_connection, 2)]
    assert "pw-Secret-1" not in connections.text


def test_every_entity_is_searched_by_default_and_counted(api_store, as_role, search_connection):
    create(api_store, "ledger_sync", message="ledger import")

    response = as_role("Viewer").get("/search", params={"q": "ledger"})

    assert {entity for entity, _, _ in found(response)} == {"pipeline", "version", "connection"}
    assert response.json()["counts"] == {
        "pipeline": 1,
        "version": 1,
        "template": 0,
        "node_type": 0,
        "connection": 1,
    }
    assert response.json()["query"] == "ledger"


def test_the_limit_cuts_results_but_counts_report_every_match(api_store, as_role):
    for index in range(5):
        create(api_store, f"batch_{index}")

    response = as_role("Viewer").get("/search", params={"q": "batch_", "entities": "pipeline", "limit": 2})

    assert [item[1] for item in found(response)] == ["batch_0", "batch_1"]
    assert response.json()["counts"] == {"pipeline": 5}


def test_deleted_pipelines_and_their_versions_are_not_found(api_store, as_role):
    create(api_store, "retired_feed", message="retired feed import")
    api_store.pipelines.delete("retired_feed", actor="tester")

    response = as_role("Viewer").get("/search", params={"q": "retired", "entities": "pipeline,version"})

    assert found(response) == []
    assert response.json()["counts"] == {"pipeline": 0, "version": 0}


def test_wildcards_in_the_query_match_literally(api_store, as_role):
    create(api_store, "a_b")
    create(api_store, "axb")
    create(api_store, "pct", description="100% of rows")

    underscore = as_role("Viewer").get("/search", params={"q": "a_b", "entities": "pipeline"})
    percent = as_role("Viewer").get("/search", params={"q": "0%", "entities": "pipeline"})

    assert found(underscore) == [("pipeline", "a_b", 3)]
    assert found(percent) == [("pipeline", "pct", 1)]


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_templates_are_searched_only_for_users_who_may_read_them(api_store, api_client, pipelines_only_token):
    api_store.templates.create("ledger_tpl", title="Ledger loader", parameters={}, spec={}, actor="tester")
    create(api_store, "ledger_sync")
    headers = {"Authorization": f"Bearer {pipelines_only_token}"}

    search = api_client.get("/aggregator/api/search", params={"q": "ledger"}, headers=headers)
    suggestions = api_client.get(
        "/aggregator/api/search/suggestions", params={"prefix": "ledger"}, headers=headers
    )

    assert found(search) == [("pipeline", "ledger_sync", 2)]
    assert "template" not in search.json()["counts"]
    assert [item["entity"] for item in suggestions.json()["suggestions"]] == ["pipeline"]


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "a\x00b"}, "q"),
        ({"q": "x", "entities": "pipeline,versions"}, "entities"),
        ({"q": "x", "limit": 51}, "query.limit"),
    ],
)
def test_bad_parameters_are_refused_naming_the_field(api_store, as_role, params, field):
    response = as_role("Viewer").get("/search", params=params)

    assert response.status_code == 422, response.text
    assert response.json()["detail"]["field"] == field


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_an_unknown_entity_gets_a_close_name(api_store, as_role):
    response = as_role("Viewer").get("/search", params={"q": "x", "entities": "pipelines"})

    assert "did you mean 'pipeline'" in response.json()["detail"]["message"]


def test_suggestions_complete_pipeline_ids_and_names_templates_node_types_and_connections(
    api_store, as_role, search_connection
):
    create(api_store, "ledger_sync", name="Ledger nightly")
    create(api_store, "old_ledger", name="Ledger (old)")
    api_store.pipelines.delete("old_ledger", actor="tester")
    api_store.templates.create("ledger_tpl", title="Ledger loader", parameters={}, spec={}, actor="tester")

    ledger = as_role("Viewer").get("/search/suggestions", params={"prefix": "Led"})
    node_types = as_role("Viewer").get("/search/suggestions", params={"prefix": "source.", "limit": 20})

    assert ledger.status_code == 200, ledger.text
    assert ledger.json()["suggestions"] == [
        {"text": "Ledger nightly", "entity": "pipeline", "id": "ledger_sync"},
        {"text": "ledger_sync", "entity": "pipeline", "id": "ledger_sync"},
        {"text": "ledger_tpl", "entity": "template", "id": "ledger_tpl"},
        {"text": "ledger_warehouse", "entity": "connection", "id": "ledger_warehouse"},
    ]
    assert {item["text"] for item in node_types.json()["suggestions"]} >= {
        "source.sql",
        "source.file",
        "source.http",
    }
    assert {item["entity"] for item in node_types.json()["suggestions"]} == {"node_type"}


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("params", "field"), [({}, "prefix"), ({"prefix": "a", "limit": 21}, "query.limit")])
def test_bad_suggestion_parameters_are_refused_naming_the_field(api_store, as_role, params, field):
    response = as_role("Viewer").get("/search/suggestions", params=params)

    assert response.status_code == 422, response.text
    assert response.json()["detail"]["field"] == field


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_search_of_1000_pipelines_with_20_versions_runs_one_query_per_entity(api_store, as_role):
    from sqlalchemy import event, insert

    from ui_plugin.store.models import Pipeline, PipelineVersion

    moment = datetime.now(UTC)
    pipelines = [
        {
            "id": f"feed_{index:04d}",
            "name": f"Feed {index}",
            "description": "hourly load",
            "owner": "team",
            "status": "draft",
            "draft_spec": {},
            "draft_hash": "h",
            "row_version": 1,
            "created_by": "seed",
            "created_at": moment,
            "updated_by": "seed",
            "updated_at": moment,
        }
        for index in range(1000)
    ]
    versions = [
        {
            "pipeline_id": pipeline["id"],
            "number": number,
            "content_hash": "h",
            "spec": {},
            "author": "seed",
            "message": f"tune feed batch {number}",
            "created_at": moment,
        }
        for pipeline in pipelines
        for number in range(1, 21)
    ]
    with api_store.engine.begin() as connection:
        connection.execute(insert(Pipeline), pipelines)
        connection.execute(insert(PipelineVersion), versions)
    statements: list[str] = []
    event.listen(api_store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    started = time.perf_counter()
    response = as_role("Viewer").get("/search", params={"q": "feed", "limit": 50})
    elapsed = time.perf_counter() - started

    assert response.status_code == 200, response.text
    assert response.json()["counts"]["pipeline"] == 1000
    assert response.json()["counts"]["version"] == 20000
    assert len(response.json()["results"]) == 50
    assert len(statements) == 3, statements
    assert elapsed < 5, f"search took {elapsed:.2f} s"
