"""Publishing, parse status, triggering and run status through Airflow's real API server app.

Airflow parses the bundle for real (its ``dags reserialize`` command, in process), runs go
through ``dag.test()``, and every read comes from Airflow's metadata database.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from dag_runs import run_dag
from store_specs import make_spec

pytest_plugins = ["api_fixtures"]
pytestmark = pytest.mark.usefixtures("airflow_db")

sqlite_store_only = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)

ORDERS_CSV = "order_id,amount\n1,5\n2,50\n3,500\n"


def pipeline_spec(pipeline_id: str, out: Path, **fields: Any) -> Any:
    """CSV orders next to the spec -> filter -> CSV file; the source and filter run inside the sink's task."""
    nodes = [
        {"id": "orders", "type": "source.file", "config": {"path": "orders.csv"}},
        {"id": "big", "type": "transform.filter", "inputs": ["orders"], "config": {"where": "amount > 10"}},
        {"id": "load", "type": "sink.file", "inputs": ["big"], "config": {"path": str(out)}},
    ]
    return make_spec(pipeline_id, schedule=None, nodes=nodes, **fields)


@pytest.fixture
def pipeline(api_store, spec_folder, tmp_path) -> dict[str, Any]:
    """A stored pipeline (version 1) whose source CSV sits in this test's folder of the bundle."""
    (spec_folder / "orders.csv").write_text(ORDERS_CSV)
    pipeline_id = f"pub_{uuid.uuid4().hex[:10]}"
    spec = pipeline_spec(pipeline_id, tmp_path / "out.csv")
    api_store.pipelines.create(spec, actor="alice")
    return {"id": pipeline_id, "spec": spec, "folder": spec_folder.name, "out": tmp_path / "out.csv"}


def publish(as_role, pipeline: dict[str, Any], role: str = "Op", **body: Any) -> Any:
    return as_role(role).post(
        f"/pipelines/{pipeline['id']}/publish", json={"folder": pipeline["folder"], **body}
    )


def parse_bundle() -> None:
    """Let Airflow parse its bundle and write DAGs and import errors, as ``airflow dags reserialize``."""
    from airflow.cli.commands.dag_command import dag_reserialize

    dag_reserialize(argparse.Namespace(bundle_name=None))


def publication(as_role, pipeline_id: str) -> dict[str, Any]:
    response = as_role("Viewer").get(f"/pipelines/{pipeline_id}/publication")
    assert response.status_code == 200, response.text
    return response.json()


def test_op_publishes_the_latest_version_into_the_bundle(api_store, as_role, pipeline, bundle):
    response = publish(as_role, pipeline)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["path"] == f"pipelines/{pipeline['folder']}/{pipeline['id']}.json"
    assert (body["pipeline_id"], body["dag_id"], body["version"]) == (pipeline["id"], pipeline["id"], 1)
    assert body["content_hash"] == pipeline["spec"].content_hash
    written = bundle / body["path"]
    assert json.loads(written.read_text()) == json.loads(json.dumps(pipeline["spec"].to_data(), default=str))
    assert (written.parent / "aggregator_loader.py").is_file()
    current = api_store.publications.current(pipeline["id"])
    assert (current.version_number, current.published_by) == (1, "api_op")
    assert api_store.pipelines.get(pipeline["id"]).status == "published"

    status = publication(as_role, pipeline["id"])
    assert status["published"] is True
    assert (status["version"], status["published_by"], status["dag_url"]) == (
        1,
        "api_op",
        f"/dags/{pipeline['id']}",
    )
    assert status["parse"]["state"] == "pending"
    assert [entry["version"] for entry in status["history"]] == [1]


def test_publishing_needs_the_publish_permission_and_writes_nothing_without_it(
    api_store, as_role, pipeline, bundle
):
    response = publish(as_role, pipeline, role="User")
    assert response.status_code == 403
    assert response.json()["detail"]["missing_permission"] == {
        "action": "can_create",
        "resource": "Aggregator Publish",
    }
    assert not (bundle / "pipelines" / pipeline["folder"] / f"{pipeline['id']}.json").exists()
    assert api_store.publications.current(pipeline["id"]) is None
    assert publication(as_role, pipeline["id"])["parse"]["state"] == "not_published"


@sqlite_store_only
def test_a_draft_that_differs_from_the_latest_version_must_be_committed_first(api_store, as_role, pipeline):
    edited = pipeline_spec(pipeline["id"], pipeline["out"], name="Edited")
    api_store.pipelines.save_draft(edited, expected_row_version=1, actor="alice")
    response = publish(as_role, pipeline)
    assert response.status_code == 409
    assert response.json()["detail"]["field"] == "version"
    assert api_store.publications.current(pipeline["id"]) is None
    explicit = publish(as_role, pipeline, version=1)
    assert explicit.status_code == 200, explicit.text
    api_store.versions.commit(pipeline["id"], author="alice")
    latest = publish(as_role, pipeline)
    assert latest.status_code == 200 and latest.json()["version"] == 2


@sqlite_store_only
@pytest.mark.parametrize(
    ("path_id", "body", "status", "field"),
    [
        ("missing_pipeline", {}, 404, "id"),
        (None, {"version": 9}, 404, "version"),
        (None, {"folder": "../outside"}, 422, "body.folder"),
        (None, {"folder": "/etc"}, 422, "body.folder"),
        (None, {"version": 0}, 422, "body.version"),
        (None, {"unknown": 1}, 422, "body.unknown"),
    ],
)
def test_bad_publish_requests_name_the_field_and_write_nothing(
    api_store, as_role, pipeline, bundle, path_id, body, status, field
):
    response = as_role("Op").post(f"/pipelines/{path_id or pipeline['id']}/publish", json=body)
    assert response.status_code == status, response.text
    assert response.json()["detail"]["field"] == field
    assert not list((bundle / "pipelines" / pipeline["folder"]).glob("pub_*.json"))
    assert api_store.publications.current(pipeline["id"]) is None


@sqlite_store_only
def test_a_version_whose_node_type_is_gone_is_not_published(api_store, as_role, spec_folder, bundle):
    from dag_factory.spec.models import PipelineSpec

    # Stored while a component "source.retired" was installed; the registry no longer has it.
    data = make_spec("pub_retired").to_data()
    data["nodes"][0]["type"] = "source.retired"
    api_store.pipelines.create(PipelineSpec.model_validate(data), actor="alice")
    response = as_role("Op").post("/pipelines/pub_retired/publish", json={"folder": spec_folder.name})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["field"] == "version.nodes[0].type"
    assert "source.retired" in detail["message"]
    assert not (spec_folder / "pub_retired.json").exists()


def pipelines_reader_without_dags(api_client) -> Any:
    """A caller whose only role reads aggregator pipelines and none of Airflow's DAGs."""
    from airflow.providers.fab.www.security_appless import ApplessAirflowSecurityManager
    from airflow.utils.session import create_session
    from api_fixtures import Caller
    from test_plugin_api import create_user, sign_in

    role_name = "Pipelines reader"
    with create_session() as session:
        security = ApplessAirflowSecurityManager(session=session)
        new = security.find_role(role_name) is None
        if new:
            role = security.add_role(role_name)
            security.add_permission_to_role(
                role, security.create_permission("can_read", "Aggregator Pipelines")
            )
    if new:
        create_user("api_pipelines_reader", role_name)
    return Caller(api_client, sign_in(api_client, "api_pipelines_reader"))


def set_next_run(dag_id: str, moment: str) -> None:
    """Set when Airflow's scheduler creates the DAG's next run, as a schedule would."""
    from airflow.models.dag import DagModel
    from airflow.utils.session import create_session

    with create_session() as session:
        session.get(DagModel, dag_id).next_dagrun_create_after = datetime.fromisoformat(moment)


def listed_dag(as_role: Any, pipeline_id: str) -> dict[str, Any]:
    """The ``dag`` part of the pipeline's row in the list, as a Viewer reads it."""
    [listed] = as_role("Viewer").get("/pipelines", params={"search": pipeline_id}).json()["items"]
    return listed["dag"]


def set_paused(dag_id: str, paused: bool) -> None:
    """Pause or unpause a DAG in Airflow's database, as its UI toggle does."""
    from airflow.models.dag import DagModel
    from airflow.utils.session import create_session

    with create_session() as session:
        session.get(DagModel, dag_id).is_paused = paused


@pytest.mark.slow
@sqlite_store_only
def test_parse_status_follows_airflow_and_a_user_triggers_the_parsed_version(
    api_store, api_client, as_role, pipeline, monkeypatch
):
    # Airflow stores a changed DAG at most once per this interval (30 s by default); the test
    # parses twice within seconds.
    monkeypatch.setenv("AIRFLOW__CORE__MIN_SERIALIZED_DAG_UPDATE_INTERVAL", "0")
    pipeline_id = pipeline["id"]
    assert publish(as_role, pipeline).status_code == 200
    not_yet = as_role("User").post(f"/pipelines/{pipeline_id}/runs", json={})
    assert not_yet.status_code == 409
    assert not_yet.json()["detail"]["parse_state"] == "pending"
    # Published but not parsed: the list knows the version, Airflow nothing yet.
    [listed] = as_role("Viewer").get("/pipelines", params={"search": pipeline_id}).json()["items"]
    assert listed["published_version"] == 1
    assert listed["dag"] == {
        "is_paused": None,
        "last_run_state": None,
        "last_run_at": None,
        "next_run_at": None,
    }
    # Airflow does not know the DAG yet, so whether it is paused is unknown.
    assert publication(as_role, pipeline_id)["parse"]["is_paused"] is None

    parse_bundle()
    parsed = publication(as_role, pipeline_id)["parse"]
    assert parsed["state"] == "parsed", parsed
    assert parsed["parsed_content_hash"] == pipeline["spec"].content_hash
    assert parsed["last_parsed_time"] is not None
    # New DAGs start paused ([core] dags_are_paused_at_creation); unpausing shows at once.
    assert parsed["is_paused"] is True
    set_paused(pipeline_id, False)
    assert publication(as_role, pipeline_id)["parse"]["is_paused"] is False
    # The list names the next scheduled run, except while the DAG is paused.
    next_run = "2030-01-02T03:04:05Z"
    set_next_run(pipeline_id, next_run)
    assert listed_dag(as_role, pipeline_id)["next_run_at"] == next_run
    set_paused(pipeline_id, True)
    assert listed_dag(as_role, pipeline_id)["next_run_at"] is None
    set_paused(pipeline_id, False)

    triggered = as_role("User").post(
        f"/pipelines/{pipeline_id}/runs", json={"conf": {"note_for_run": 1}, "note": "from the builder"}
    )
    assert triggered.status_code == 201, triggered.text
    run = triggered.json()
    assert (run["dag_id"], run["state"], run["run_type"], run["version"]) == (
        pipeline_id,
        "queued",
        "manual",
        1,
    )
    assert (run["triggered_by"], run["note"]) == ("api_user", "from the builder")

    runs = as_role("Viewer").get(f"/pipelines/{pipeline_id}/runs", params={"limit": 10}).json()
    assert runs["total"] == 1
    # The list shows the published version and the DAG as Airflow has it: unpaused, the run queued.
    [listed] = as_role("Viewer").get("/pipelines", params={"search": pipeline_id}).json()["items"]
    assert listed["published_version"] == 1
    assert listed["dag"]["is_paused"] is False
    assert listed["dag"]["last_run_state"] == "queued"
    assert listed["dag"]["last_run_at"] == run["run_after"]
    # Someone who may read pipelines but not this DAG in Airflow learns nothing of its runs.
    [hidden] = (
        pipelines_reader_without_dags(api_client)
        .get("/pipelines", params={"search": pipeline_id})
        .json()["items"]
    )
    assert hidden["published_version"] == 1
    assert hidden["dag"] == {
        "is_paused": None,
        "last_run_state": None,
        "last_run_at": None,
        "next_run_at": None,
    }
    assert [(item["run_id"], item["state"], item["version"], item["note"]) for item in runs["items"]] == [
        (run["run_id"], "queued", 1, "from the builder")
    ]

    # Version 2 is published; until Airflow parses it, the DAG it has is version 1's.
    api_store.pipelines.save_draft(
        pipeline_spec(pipeline_id, pipeline["out"], name="Second"), expected_row_version=2, actor="alice"
    )
    api_store.versions.commit(pipeline_id, author="alice")
    assert publish(as_role, pipeline).json()["version"] == 2
    pending = publication(as_role, pipeline_id)
    assert (pending["version"], pending["parse"]["state"]) == (2, "pending")
    assert pending["parse"]["parsed_content_hash"] == pipeline["spec"].content_hash
    assert [entry["version"] for entry in pending["history"]] == [2, 1]
    assert as_role("User").post(f"/pipelines/{pipeline_id}/runs", json={}).status_code == 409
    parse_bundle()
    reparsed = publication(as_role, pipeline_id)["parse"]
    assert reparsed["state"] == "parsed", reparsed
    second = as_role("User").post(f"/pipelines/{pipeline_id}/runs", json={})
    assert second.status_code == 201 and second.json()["version"] == 2
    listed = as_role("Viewer").get(f"/pipelines/{pipeline_id}/runs").json()["items"]
    assert sorted(item["version"] for item in listed) == [1, 2]


@pytest.mark.slow
@sqlite_store_only
def test_a_published_spec_airflow_cannot_load_reads_error_with_the_loaders_message(
    api_store, as_role, pipeline, bundle
):
    pipeline_id = pipeline["id"]
    path = bundle / publish(as_role, pipeline).json()["path"]
    parse_bundle()
    assert publication(as_role, pipeline_id)["parse"]["state"] == "parsed"
    # The file as a deployment that uninstalled the source's component would load it.
    data = json.loads(path.read_text())
    data["nodes"][0]["type"] = "source.retired"
    path.write_text(json.dumps(data))
    parse_bundle()
    parse = publication(as_role, pipeline_id)["parse"]
    assert parse["state"] == "error", parse
    assert f"{pipeline_id}.json" in parse["message"] and "source.retired" in parse["message"]
    refused = as_role("User").post(f"/pipelines/{pipeline_id}/runs", json={})
    assert refused.status_code == 409 and refused.json()["detail"]["parse_state"] == "error"


@pytest.mark.slow
@sqlite_store_only
def test_a_finished_run_shows_each_tasks_state_and_the_nodes_it_ran(api_store, as_role, pipeline, bundle):
    pipeline_id = pipeline["id"]
    assert publish(as_role, pipeline).status_code == 200
    parse_bundle()
    run = run_dag(bundle, pipeline_id)
    assert run.state == "success"
    assert pipeline["out"].read_text().splitlines()[1:] == ["2,50", "3,500"]

    response = as_role("Viewer").get(f"/pipelines/{pipeline_id}/runs/{run.run_id}")
    assert response.status_code == 200, response.text
    detail = response.json()
    assert (detail["run_id"], detail["state"]) == (run.run_id, "success")
    assert [(task["task_id"], task["state"], task["nodes"]) for task in detail["tasks"]] == [
        ("load", "success", ["orders", "big", "load"])
    ]
    task = detail["tasks"][0]
    assert task["try_number"] == 1 and task["duration"] >= 0 and task["end_date"] >= task["start_date"]

    missing = as_role("Viewer").get(f"/pipelines/{pipeline_id}/runs/no_such_run")
    assert missing.status_code == 404 and missing.json()["detail"]["field"] == "run_id"


@sqlite_store_only
@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "/publication", None),
        ("GET", "/runs", None),
        ("GET", "/runs/some_run", None),
        ("POST", "/runs", {}),
    ],
)
def test_routes_of_an_unknown_pipeline_answer_404(api_store, as_role, method, suffix, body):
    response = as_role("Admin").request(method, f"/pipelines/no_such_pipeline{suffix}", json=body)
    assert response.status_code == 404, response.text


@sqlite_store_only
def test_trigger_and_run_list_validate_their_input(api_store, as_role, pipeline):
    naive = as_role("User").post(
        f"/pipelines/{pipeline['id']}/runs", json={"logical_date": "2026-01-01T00:00:00"}
    )
    assert naive.status_code == 422 and naive.json()["detail"]["field"] == "body.logical_date"
    too_many = as_role("Viewer").get(f"/pipelines/{pipeline['id']}/runs", params={"limit": 101})
    assert too_many.status_code == 422 and too_many.json()["detail"]["field"] == "query.limit"
    unpublished = as_role("User").post(f"/pipelines/{pipeline['id']}/runs", json={})
    assert unpublished.status_code == 409 and unpublished.json()["detail"]["parse_state"] == "not_published"


def run_dag_processor_once() -> None:
    """One pass of Airflow's dag-processor. A DAG whose file no longer builds it turns stale when
    the file was parsed more than ``stale_dag_threshold`` seconds after the DAG last was; the
    threshold (50 s by default) is shortened, and the cleanup runs on every loop."""
    environment = os.environ | {
        "AIRFLOW__DAG_PROCESSOR__STALE_DAG_THRESHOLD": "3",
        "AIRFLOW__SCHEDULER__PARSING_CLEANUP_INTERVAL": "0",
    }
    subprocess.run(
        [sys.executable, "-m", "airflow", "dag-processor", "-n", "1"],
        check=True,
        capture_output=True,
        env=environment,
        timeout=600,
    )


@pytest.mark.slow
@sqlite_store_only
def test_a_spec_file_changed_in_the_bundle_reads_stale(api_store, as_role, pipeline, bundle, monkeypatch):
    monkeypatch.setenv("AIRFLOW__CORE__MIN_SERIALIZED_DAG_UPDATE_INTERVAL", "0")
    path = bundle / publish(as_role, pipeline).json()["path"]
    parse_bundle()
    data = json.loads(path.read_text())
    data["name"] = "Edited by hand"
    path.write_text(json.dumps(data))
    parse_bundle()
    parse = publication(as_role, pipeline["id"])["parse"]
    assert parse["state"] == "stale", parse
    assert parse["parsed_content_hash"] not in (None, pipeline["spec"].content_hash)
    assert "changed in the bundle" in parse["message"]


@pytest.mark.slow
@sqlite_store_only
def test_a_published_spec_removed_from_the_bundle_reads_stale(api_store, as_role, pipeline, bundle):
    path = bundle / publish(as_role, pipeline).json()["path"]
    parse_bundle()
    path.unlink()
    time.sleep(4)
    run_dag_processor_once()
    parse = publication(as_role, pipeline["id"])["parse"]
    assert parse["state"] == "stale", parse
    assert "no longer finds this DAG" in parse["message"]


@pytest.fixture(scope="module")
def author_without_runs(api_client) -> Any:
    """A caller whose role may edit pipelines but holds no permission on Airflow's DAG runs."""
    from api_fixtures import Caller
    from test_plugin_api import create_user, sign_in

    role = "Pipeline Author Without Runs"
    for command in (
        ["roles", "create", role],
        ["roles", "add-perms", role, "-r", "Aggregator Pipelines", "-a", "can_read", "can_edit"],
    ):
        subprocess.run(
            [sys.executable, "-m", "airflow", *command],
            check=True,
            capture_output=True,
            env=os.environ.copy(),
        )
    create_user("api_author_no_runs", role)
    return Caller(api_client, sign_in(api_client, "api_author_no_runs"))


@pytest.mark.slow
@sqlite_store_only
def test_airflow_decides_who_may_trigger_and_read_runs_of_the_dag(api_store, pipeline, author_without_runs):
    triggered = author_without_runs.post(f"/pipelines/{pipeline['id']}/runs", json={})
    assert triggered.status_code == 403, triggered.text
    detail = triggered.json()["detail"]
    assert detail["missing_permission"] == {
        "access_entity": "DAG Runs",
        "method": "POST",
        "dag_id": pipeline["id"],
    }
    listed = author_without_runs.get(f"/pipelines/{pipeline['id']}/runs")
    assert listed.status_code == 403 and listed.json()["detail"]["missing_permission"]["method"] == "GET"
