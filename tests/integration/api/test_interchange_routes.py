"""Import and export routes through Airflow's API server: lossless round trips, all-or-nothing imports."""

from __future__ import annotations

import json
import textwrap
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from store_specs import make_spec

pytest_plugins = ["api_fixtures"]

PYTHON = "airflow.providers.standard.operators.python.PythonOperator"
BASH = "airflow.providers.standard.operators.bash.BashOperator"
DAG_FACTORY_FILE = textwrap.dedent(
    f"""\
    default:
      default_args: {{owner: data-team, retries: 2, email: ops@example.com}}
    etl:
      start_date: 2025-01-01
      schedule: "@daily"
      tasks:
        extract:
          operator: {PYTHON}
          python_callable: pkg.jobs.extract
        notify:
          operator: {BASH}
          bash_command: echo done
          dependencies: [extract]
    """
)


def rich_spec(pipeline_id: str) -> Any:
    """A spec with text a careless writer would change: YAML 1.1 words, dates, unicode, line breaks."""
    return make_spec(
        pipeline_id,
        name="Ventes journalières ✓",
        description="first line\nsecond line: 'quoted'",
        tags=["yes", "0123", "12:30"],
        params={"since": "2026-01-01", "flag": "on", "limit": 10, "ratio": 0.5, "none": None},
        start_date="2026-01-01",
    )


def stored_ids(store) -> list[str]:
    from ui_plugin.store.listing import PipelineQuery

    return [record.id for record in store.pipelines.list(PipelineQuery(include_deleted=True)).items]


@pytest.fixture
def empty_store(api_client, store_url, tmp_path) -> Iterator[Any]:
    """A second migrated store, on the same kind of database; the routes use it once called."""
    from store_fixtures import PG_DATABASE, PG_HOST, pg_execute

    from ui_plugin.store.database import store_engine
    from ui_plugin.store.migration import migrate
    from ui_plugin.store.store import Store

    schema = f"store_{uuid.uuid4().hex[:12]}"
    if store_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'second.db'}"
    else:
        pg_execute(f'CREATE SCHEMA "{schema}"')
        url = f"postgresql+psycopg://postgres@{PG_HOST}:5432/{PG_DATABASE}?options=-csearch_path%3D{schema}"
    engine = store_engine(url)
    migrate(engine)
    try:
        yield Store.over(engine)
    finally:
        engine.dispose()
        if not store_url.startswith("sqlite"):
            pg_execute(f'DROP SCHEMA "{schema}" CASCADE')


def use_store(api_client, store) -> None:
    """Make the plugin's routes use ``store``; ``api_store`` resets it after the test."""
    from api_fixtures import plugin_app

    plugin_app(api_client).state.store = store


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_export_then_import_into_an_empty_store_gives_identical_drafts(
    api_client, api_store, empty_store, as_role, fmt
):
    for pipeline_id in ("orders_daily", "refunds"):
        api_store.pipelines.create(rich_spec(pipeline_id), actor="test")
    originals = {pid: api_store.pipelines.get(pid) for pid in ("orders_daily", "refunds")}

    documents = [as_role("Viewer").get(f"/pipelines/{pid}/export?format={fmt}") for pid in originals]
    use_store(api_client, empty_store)
    results = [as_role("User").post("/import", json={"content": doc.text}) for doc in documents]

    assert [r.status_code for r in results] == [201, 201], [r.text for r in results]
    assert [r.json() for r in results] == [
        {"created": ["orders_daily"], "skipped": []},
        {"created": ["refunds"], "skipped": []},
    ]
    for pipeline_id, original in originals.items():
        imported = empty_store.pipelines.get(pipeline_id)
        assert imported.draft_spec == original.draft_spec
        assert imported.draft_hash == original.draft_hash
        assert imported.created_by == "api_user"


@pytest.mark.parametrize(
    ("fmt", "media_type", "read"),
    [("json", "application/json", json.loads), ("yaml", "application/yaml", yaml.safe_load)],
)
def test_a_pipeline_is_exported_as_a_file_download(api_store, as_role, fmt, media_type, read):
    api_store.pipelines.create(rich_spec("orders_daily"), actor="test")

    response = as_role("Viewer").get(f"/pipelines/orders_daily/export?format={fmt}")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["content-disposition"] == f'attachment; filename="orders_daily.{fmt}"'
    assert read(response.text)["name"] == "Ventes journalières ✓"


def test_a_version_is_exported_by_number(api_store, as_role):
    api_store.pipelines.create(make_spec("orders_daily", name="first"), actor="test")
    api_store.pipelines.save_draft(
        make_spec("orders_daily", name="second"), expected_row_version=1, actor="test"
    )

    first = as_role("Viewer").get("/pipelines/orders_daily/export?format=json&version=1")
    draft = as_role("Viewer").get("/pipelines/orders_daily/export?format=json")

    assert json.loads(first.text)["name"] == "first"
    assert first.headers["content-disposition"] == 'attachment; filename="orders_daily.v1.json"'
    assert json.loads(draft.text)["name"] == "second"
    missing = as_role("Viewer").get("/pipelines/orders_daily/export?version=9")
    assert missing.status_code == 404
    assert missing.json()["detail"]["field"] == "version"
    assert as_role("Viewer").get("/pipelines/nowhere/export").status_code == 404
    assert as_role("Viewer").get("/pipelines/orders_daily/export?format=xml").status_code == 422


def test_a_set_is_exported_as_one_document_and_imported_whole(api_client, api_store, empty_store, as_role):
    for pipeline_id in ("orders_daily", "refunds"):
        api_store.pipelines.create(rich_spec(pipeline_id), actor="test")

    document = as_role("Viewer").post("/export", json={"ids": ["refunds", "orders_daily"], "format": "json"})

    assert document.status_code == 200
    assert [spec["id"] for spec in json.loads(document.text)["pipelines"]] == ["refunds", "orders_daily"]
    use_store(api_client, empty_store)
    imported = as_role("User").post("/import", json={"content": document.text, "format": "json"})
    assert imported.json() == {"created": ["refunds", "orders_daily"], "skipped": []}
    assert empty_store.pipelines.get("refunds").draft_spec == api_store.pipelines.get("refunds").draft_spec


def test_a_set_export_names_an_unknown_or_repeated_id(api_store, as_role):
    api_store.pipelines.create(make_spec("orders_daily"), actor="test")

    unknown = as_role("Viewer").post("/export", json={"ids": ["orders_daily", "nowhere"]})
    repeated = as_role("Viewer").post("/export", json={"ids": ["orders_daily", "orders_daily"]})

    assert unknown.status_code == 404
    assert unknown.json()["detail"]["field"] == "ids[1]"
    assert repeated.status_code == 422
    assert repeated.json()["detail"]["field"] == "ids[1]"


def test_a_set_with_one_invalid_spec_stores_nothing(api_store, as_role):
    bad = make_spec("refunds").to_data()
    bad["nodes"][0]["type"] = "source.fil"
    content = yaml.safe_dump({"pipelines": [make_spec("orders_daily").to_data(), bad]}, sort_keys=False)

    response = as_role("User").post("/import", json={"content": content})

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["field"] == "content.pipelines[1].nodes[0].type"
    [error] = detail["errors"]
    assert (error["index"], error["pipeline_id"], error["path"]) == (
        1,
        "refunds",
        "pipelines[1].nodes[0].type",
    )
    assert error["line"] is not None
    assert stored_ids(api_store) == []


def test_a_taken_id_fails_the_whole_import_or_is_skipped(api_store, as_role):
    api_store.pipelines.create(make_spec("orders_daily", name="kept"), actor="test")
    content = json.dumps({"pipelines": [make_spec("refunds").to_data(), make_spec("orders_daily").to_data()]})

    conflict = as_role("User").post("/import", json={"content": content})

    assert conflict.status_code == 409
    assert conflict.json()["detail"]["pipeline_id"] == "orders_daily"
    assert stored_ids(api_store) == ["orders_daily"]
    skipped = as_role("User").post("/import", json={"content": content, "on_conflict": "skip"})
    assert skipped.status_code == 201
    assert skipped.json() == {"created": ["refunds"], "skipped": ["orders_daily"]}
    assert api_store.pipelines.get("orders_daily").name == "kept"


def test_a_deleted_pipeline_keeps_its_id_from_an_import(api_store, as_role):
    api_store.pipelines.create(make_spec("orders_daily"), actor="test")
    api_store.pipelines.delete("orders_daily", actor="test")

    response = as_role("User").post(
        "/import", json={"content": json.dumps(make_spec("orders_daily").to_data())}
    )

    assert response.status_code == 409


def test_importing_code_needs_the_code_permission(api_store, as_role):
    spec = make_spec("orders_daily").to_data()
    spec["nodes"].append(
        {
            "id": "query",
            "type": "sql.query",
            "inputs": ["orders"],
            "config": {"conn_id": "dwh", "sql": "SELECT 1"},
        }
    )
    content = json.dumps({"pipelines": [make_spec("refunds").to_data(), spec]})

    denied = as_role("User").post("/import", json={"content": content})

    assert denied.status_code == 403
    assert denied.json()["detail"]["code_nodes"] == ["query"]
    assert stored_ids(api_store) == []
    assert as_role("Admin").post("/import", json={"content": content}).status_code == 201


def alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    previous = "a"
    for name in "bcdefgh":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
        previous = name
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", ["/import", "/import/dag-factory"])
def test_a_yaml_alias_bomb_is_refused(api_store, as_role, path):
    response = as_role("User").post(path, json={"content": alias_bomb()})

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["field"] == "content"
    assert "expands to more than" in detail["errors"][0]["message"]
    assert stored_ids(api_store) == []


def test_malformed_import_content_is_422_for_the_document(api_store, as_role):
    response = as_role("User").post("/import", json={"content": "pipelines: [unclosed"})

    assert response.status_code == 422
    [error] = response.json()["detail"]["errors"]
    assert error["index"] is None
    assert error["message"].startswith("malformed YAML")


def test_a_dag_factory_file_is_converted_with_the_cli_report(api_store, as_role):
    from dag_factory.interchange import import_dag_factory

    response = as_role("User").post("/import/dag-factory", json={"content": DAG_FACTORY_FILE})

    assert response.status_code == 200, response.text
    body = response.json()
    [spec] = body["pipelines"]
    assert [(node["id"], node["type"]) for node in spec["nodes"]] == [("extract", "python.callable")]
    expected = import_dag_factory(DAG_FACTORY_FILE).dag("etl").report_lines("-> not created")
    assert body["report"] == expected
    assert any(line.startswith("  not mapped: task 'notify', operator:") for line in body["report"])
    assert "  not mapped: default_args.email: " in "\n".join(body["report"])
    assert (body["created"], body["invalid"]) == ([], [])
    assert stored_ids(api_store) == []


def test_a_dag_factory_file_creates_its_valid_pipelines(api_store, as_role):
    only_bash = f"broken:\n  tasks:\n    sh:\n      operator: {BASH}\n      bash_command: echo 1\n"
    content = DAG_FACTORY_FILE + only_bash

    denied = as_role("User").post("/import/dag-factory", json={"content": content, "create": True})
    assert denied.status_code == 403
    assert denied.json()["detail"]["code_nodes"] == ["extract"]
    assert stored_ids(api_store) == []

    response = as_role("Admin").post("/import/dag-factory", json={"content": content, "create": True})

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["created"] == ["etl"]
    assert body["report"][0] == "dag 'etl' -> pipeline 'etl' created"
    [invalid] = body["invalid"]
    assert invalid["dag_id"] == "broken"
    assert invalid["errors"][0]["path"] == "nodes"
    assert api_store.pipelines.get("etl").draft_spec == body["pipelines"][0]
    again = as_role("Admin").post("/import/dag-factory", json={"content": content, "create": True})
    assert again.status_code == 409
    skipped = as_role("Admin").post(
        "/import/dag-factory", json={"content": content, "create": True, "on_conflict": "skip"}
    )
    assert skipped.json()["skipped"] == ["etl"]


def test_a_file_that_is_not_dag_factory_yaml_is_422(api_store, as_role):
    response = as_role("User").post("/import/dag-factory", json={"content": "- just\n- a list\n"})

    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "content"
