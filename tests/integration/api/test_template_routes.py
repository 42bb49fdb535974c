"""Template routes through Airflow's API server: catalogue, create, instantiate, delete."""

from __future__ import annotations

from typing import Any

import pytest
from store_specs import make_spec

from ui_plugin.store.errors import NotFoundError

pytest_plugins = ["api_fixtures"]

BUILTIN_IDS = [
    "api_to_database_merge",
    "csv_drop_folder_to_database",
    "database_replication_incremental",
    "database_to_files_by_day",
    "files_compaction",
    "rest_api_to_parquet",
]
REPLICATION_VALUES = {
    "source_conn": "app_db",
    "source_table": "orders",
    "target_conn": "dwh",
    "target_table": "orders_copy",
}
SQL_NODE = {"id": "query", "type": "sql.query", "config": {"conn_id": "dwh", "sql": "SELECT 1 AS one"}}


def template_body(template_id: str = "orders_files", **changes: Any) -> dict[str, Any]:
    """A valid template: a required folder, an integer batch size and an output path."""
    body = {
        "id": template_id,
        "title": "Orders files",
        "description": "Copies the orders file of a folder.",
        "parameters": {
            "folder": {"required": True, "description": "Folder of the files."},
            "rows": {"type": "integer", "default": 500},
            "out": {"default": "orders.parquet"},
        },
        "spec": {
            "apiVersion": "aggregator/v1",
            "schedule": "@daily",
            "nodes": [
                {
                    "id": "orders",
                    "type": "source.file",
                    "config": {"path": "${folder}/orders.csv", "batch_rows": "${rows}"},
                },
                {"id": "load", "type": "sink.file", "inputs": ["orders"], "config": {"path": "${out}"}},
            ],
        },
    }
    return body | changes


def stored_pipeline_ids(store) -> list[str]:
    from ui_plugin.store.listing import PipelineQuery

    return [record.id for record in store.pipelines.list(PipelineQuery(include_deleted=True)).items]


def test_list_shows_the_builtins_first_then_stored_templates_by_id(api_store, as_role):
    for template_id in ("zeta_files", "alpha_files"):
        assert as_role("Op").post("/templates", json=template_body(template_id)).status_code == 201

    page = as_role("Viewer").get("/templates").json()

    assert [item["id"] for item in page["items"]] == [*BUILTIN_IDS, "alpha_files", "zeta_files"]
    assert [item["builtin"] for item in page["items"]] == [True] * 6 + [False] * 2
    assert page["total"] == 8
    replication = page["items"][2]
    source_conn = next(p for p in replication["parameters"] if p["name"] == "source_conn")
    assert source_conn["type"] == "connection"
    assert source_conn["required"] is True
    assert source_conn["description"]
    rows = next(p for p in page["items"][6]["parameters"] if p["name"] == "rows")
    assert rows == {
        "name": "rows",
        "type": "integer",
        "default": 500,
        "description": "",
        "required": False,
        "enum": None,
        "pattern": None,
        "items": None,
    }
    assert page["items"][6]["created_by"] == "api_op"


def test_list_pages_run_across_builtins_and_stored_templates(api_store, as_role):
    as_role("Op").post("/templates", json=template_body("alpha_files"))
    as_role("Op").post("/templates", json=template_body("beta_files"))

    page = as_role("Viewer").get("/templates?limit=2&offset=5").json()

    assert [item["id"] for item in page["items"]] == ["rest_api_to_parquet", "alpha_files"]
    assert (page["total"], page["limit"], page["offset"]) == (8, 2, 5)
    last = as_role("Viewer").get("/templates?limit=2&offset=7").json()
    assert [item["id"] for item in last["items"]] == ["beta_files"]


def test_a_builtin_template_is_served_with_its_placeholders(api_store, as_role):
    response = as_role("Viewer").get("/templates/database_replication_incremental")

    assert response.status_code == 200
    body = response.json()
    assert body["builtin"] is True
    assert body["spec"]["nodes"][0]["config"]["conn_id"] == "${source_conn}"
    assert "id" not in body["spec"]


def test_an_unknown_template_is_404(api_store, as_role):
    response = as_role("Viewer").get("/templates/no_such_template")

    assert response.status_code == 404
    assert response.json()["detail"]["field"] == "id"


def test_instantiating_a_builtin_gives_a_valid_spec_and_stores_nothing(api_store, as_role):
    from ui_plugin.api.spec_input import validated_spec

    response = as_role("Viewer").post(
        "/templates/database_replication_incremental/instantiate",
        json={"parameters": REPLICATION_VALUES, "pipeline_id": "orders_replication"},
    )

    assert response.status_code == 200, response.text
    spec = validated_spec(response.json()["spec"])
    assert spec.id == "orders_replication"
    assert spec.nodes[0].config["conn_id"] == "app_db"
    assert response.json()["pipeline"] is None
    assert stored_pipeline_ids(api_store) == []


@pytest.mark.parametrize("create", [False, True])
def test_a_value_of_the_wrong_type_is_422_naming_the_parameter(api_store, as_role, create):
    response = as_role("User").post(
        "/templates/database_replication_incremental/instantiate",
        json={
            "parameters": {**REPLICATION_VALUES, "lookback": "ten"},
            "pipeline_id": "orders_replication",
            "create": create,
        },
    )

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["error"] == "invalid_parameters"
    assert detail["field"] == "parameters.lookback"
    assert "expected a number" in detail["errors"][0]["message"]
    assert stored_pipeline_ids(api_store) == []


def test_a_missing_required_value_is_422_naming_it(api_store, as_role):
    values = {k: v for k, v in REPLICATION_VALUES.items() if k != "source_table"}
    response = as_role("Viewer").post(
        "/templates/database_replication_incremental/instantiate", json={"parameters": values}
    )

    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "parameters.source_table"


def test_creating_a_pipeline_from_a_template_needs_pipeline_create(api_store, as_role):
    body = {"parameters": REPLICATION_VALUES, "pipeline_id": "orders_replication", "create": True}

    denied = as_role("Viewer").post("/templates/database_replication_incremental/instantiate", json=body)

    assert denied.status_code == 403
    assert denied.json()["detail"]["missing_permission"] == {
        "action": "can_create",
        "resource": "Aggregator Pipelines",
    }
    assert stored_pipeline_ids(api_store) == []

    created = as_role("User").post("/templates/database_replication_incremental/instantiate", json=body)

    assert created.status_code == 201, created.text
    assert created.json()["pipeline"]["id"] == "orders_replication"
    record = api_store.pipelines.get("orders_replication")
    assert record.draft_spec == created.json()["spec"]
    assert record.created_by == "api_user"


def test_creating_needs_a_pipeline_id_and_a_free_one(api_store, as_role):
    path = "/templates/files_compaction/instantiate"

    missing = as_role("User").post(path, json={"create": True})
    assert missing.status_code == 422
    assert missing.json()["detail"]["field"] == "pipeline_id"

    assert as_role("User").post(path, json={"create": True, "pipeline_id": "compact"}).status_code == 201
    taken = as_role("User").post(path, json={"create": True, "pipeline_id": "compact"})
    assert taken.status_code == 409
    assert taken.json()["detail"]["field"] == "pipeline_id"


def test_creating_a_pipeline_with_code_from_a_template_needs_the_code_permission(api_store, as_role):
    body = template_body("with_sql")
    body["spec"]["nodes"].append({**SQL_NODE, "inputs": ["orders"]})
    assert as_role("Admin").post("/templates", json=body).status_code == 201

    response = as_role("User").post(
        "/templates/with_sql/instantiate",
        json={"parameters": {"folder": "in"}, "pipeline_id": "sql_copy", "create": True},
    )

    assert response.status_code == 403
    assert response.json()["detail"]["code_nodes"] == ["query"]
    assert stored_pipeline_ids(api_store) == []


def test_a_saved_template_is_served_and_instantiated(api_store, as_role):
    created = as_role("Op").post("/templates", json=template_body())

    assert created.status_code == 201, created.text
    served = as_role("Viewer").get("/templates/orders_files").json()
    assert served["builtin"] is False
    assert served["spec"] == template_body()["spec"]
    assert served["created_by"] == "api_op"
    spec = as_role("Viewer").post(
        "/templates/orders_files/instantiate", json={"parameters": {"folder": "drop", "rows": 10}}
    )
    assert spec.json()["spec"]["id"] == "orders_files"
    assert spec.json()["spec"]["nodes"][0]["config"] == {"path": "drop/orders.csv", "batch_rows": 10}


def test_an_invalid_parameter_declaration_is_422_naming_it(api_store, as_role):
    body = template_body()
    body["parameters"]["rows"]["default"] = "many"

    response = as_role("Op").post("/templates", json=body)

    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "parameters.rows"
    assert api_store.templates.list().total == 0


def test_a_placeholder_without_parameter_is_422_naming_its_place(api_store, as_role):
    body = template_body()
    body["spec"]["nodes"][1]["config"]["path"] = "${output}"

    response = as_role("Op").post("/templates", json=body)

    assert response.status_code == 422
    fields = [error["path"] for error in response.json()["detail"]["errors"]]
    assert "spec.nodes[1].config.path" in fields
    assert api_store.templates.list().total == 0


def test_a_template_whose_defaults_give_an_invalid_spec_is_422(api_store, as_role):
    body = template_body()
    body["parameters"]["rows"]["default"] = -3

    response = as_role("Op").post("/templates", json=body)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["field"] == "spec.nodes[0].config.batch_rows"
    assert "parameter 'rows'" in detail["errors"][0]["message"]
    assert api_store.templates.list().total == 0


def test_a_template_with_code_needs_the_code_permission(api_store, as_role):
    body = template_body("with_sql")
    body["spec"]["nodes"].append({**SQL_NODE, "inputs": ["orders"]})

    assert as_role("Op").post("/templates", json=body).status_code == 403
    assert api_store.templates.list().total == 0


def test_a_node_type_left_to_a_parameter_needs_the_code_permission(api_store, as_role):
    body = template_body("any_kind")
    body["parameters"]["kind"] = {"default": "sql.query"}
    body["spec"]["nodes"].append({**SQL_NODE, "type": "${kind}", "inputs": ["orders"]})

    assert as_role("Op").post("/templates", json=body).status_code == 403
    assert api_store.templates.list().total == 0


def test_a_template_id_is_unique_among_builtins_and_stored_templates(api_store, as_role):
    builtin = as_role("Op").post("/templates", json=template_body("files_compaction"))

    assert builtin.status_code == 409
    assert builtin.json()["detail"]["field"] == "id"
    assert as_role("Op").post("/templates", json=template_body()).status_code == 201
    assert as_role("Op").post("/templates", json=template_body()).status_code == 409


def test_a_template_made_from_a_pipeline_gives_the_pipeline_back_by_default(api_store, as_role):
    api_store.pipelines.create(make_spec("orders_daily", tags=["sales"]), actor="test")

    response = as_role("Op").post(
        "/pipelines/orders_daily/template",
        json={
            "template_id": "orders_copy",
            "title": "Orders copy",
            "parameters": {"source": "nodes[0].config.path", "target": "/nodes/1/config/path"},
        },
    )

    assert response.status_code == 201, response.text
    assert {p["name"]: p["default"] for p in response.json()["parameters"]} == {
        "source": "orders.csv",
        "target": "out.parquet",
    }
    as_default = as_role("Viewer").post(
        "/templates/orders_copy/instantiate", json={"pipeline_id": "orders_daily"}
    )
    assert as_default.json()["spec"] == make_spec("orders_daily", tags=["sales"]).to_data()
    changed = as_role("Viewer").post(
        "/templates/orders_copy/instantiate", json={"parameters": {"source": "b.csv"}}
    )
    assert changed.json()["spec"]["nodes"][0]["config"]["path"] == "b.csv"


def test_a_template_from_a_pipeline_with_a_bad_path_is_422_naming_the_parameter(api_store, as_role):
    api_store.pipelines.create(make_spec("orders_daily"), actor="test")

    response = as_role("Op").post(
        "/pipelines/orders_daily/template",
        json={
            "template_id": "orders_copy",
            "title": "Orders copy",
            "parameters": {"table": "nodes[7].config"},
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "parameters.table"
    assert api_store.templates.list().total == 0


def test_a_template_from_an_unknown_pipeline_is_404(api_store, as_role):
    response = as_role("Op").post("/pipelines/nowhere/template", json={"template_id": "t", "title": "T"})

    assert response.status_code == 404


def test_a_stored_template_is_deleted_and_a_builtin_is_not(api_store, as_role):
    as_role("Op").post("/templates", json=template_body())

    assert as_role("Op").delete("/templates/orders_files").status_code == 204
    assert as_role("Viewer").get("/templates/orders_files").status_code == 404
    with pytest.raises(NotFoundError):
        api_store.templates.get("orders_files")
    assert as_role("Op").delete("/templates/orders_files").status_code == 404
    builtin = as_role("Admin").delete("/templates/files_compaction")
    assert builtin.status_code == 409
    assert builtin.json()["detail"]["field"] == "template_id"
    assert as_role("Viewer").get("/templates/files_compaction").status_code == 200
