"""Pipeline routes through Airflow's API server: create, read, list, save, delete, restore."""

from __future__ import annotations

from typing import Any

import pytest
from store_specs import make_spec

pytest_plugins = ["api_fixtures"]


def spec_data(pipeline_id: str = "orders_daily", **fields: Any) -> dict[str, Any]:
    """A valid spec as a JSON body."""
    return make_spec(pipeline_id, **fields).to_data()


def code_spec_data(
    pipeline_id: str = "with_sql", sql: str = "SELECT * FROM orders", **fields: Any
) -> dict[str, Any]:
    """A valid spec holding a code-bearing ``sql.query`` node between a file source and sink."""
    nodes = [
        {"id": "orders", "type": "source.file", "config": {"path": "orders.csv"}},
        {"id": "query", "type": "sql.query", "inputs": ["orders"], "config": {"conn_id": "dwh", "sql": sql}},
        {"id": "load", "type": "sink.file", "inputs": ["query"], "config": {"path": "out.parquet"}},
    ]
    return spec_data(pipeline_id, nodes=nodes, **fields)


def created(caller: Any, spec: dict[str, Any], message: str | None = None) -> dict[str, Any]:
    """Create a pipeline through the API and return its body."""
    body: dict[str, Any] = {"spec": spec} | ({"message": message} if message is not None else {})
    response = caller.post("/pipelines", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def saved(caller: Any, spec: dict[str, Any], row_version: int, message: str | None = None) -> dict[str, Any]:
    """Save a new draft through the API and return the pipeline."""
    body: dict[str, Any] = {"spec": spec, "row_version": row_version}
    if message is not None:
        body["message"] = message
    response = caller.put(f"/pipelines/{spec['id']}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def error_of(response: Any, status: int) -> dict[str, Any]:
    """The JSON error detail of a response that must have ``status``."""
    assert response.status_code == status, response.text
    return response.json()["detail"]


def pipeline_ids(caller: Any, **params: Any) -> list[str]:
    response = caller.get("/pipelines", params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_a_created_pipeline_reads_back_with_its_draft_and_first_version(api_store, as_role):
    user = as_role("User")
    body = created(user, spec_data(name="Orders", tags=["sales"]), message="First cut")

    assert body["id"] == "orders_daily"
    assert (body["row_version"], body["latest_version"], body["published_version"]) == (1, 1, None)
    assert body["created_by"] == "api_user"
    read = as_role("Viewer").get("/pipelines/orders_daily")
    assert read.status_code == 200
    assert read.json()["draft_spec"] == spec_data(name="Orders", tags=["sales"])
    assert read.json()["tags"] == ["sales"]
    assert api_store.versions.get("orders_daily", 1).message == "First cut"


def test_a_pipeline_can_be_created_from_yaml_text(api_store, as_role):
    text = (
        "apiVersion: aggregator/v1\nid: from_yaml\nnodes:\n"
        "  - {id: orders, type: source.file, config: {path: orders.csv}}\n"
        "  - {id: load, type: sink.file, inputs: [orders], config: {path: out.parquet}}\n"
    )
    response = as_role("User").post("/pipelines", json={"spec_text": text})

    assert response.status_code == 201, response.text
    assert api_store.pipelines.get("from_yaml").draft_spec["nodes"][1]["inputs"] == ["orders"]


def test_lists_filter_search_sort_and_page(api_store, as_role):
    user = as_role("User")
    created(user, spec_data("alpha", name="Zeta orders", owner="sales-team", tags=["sales"]))
    created(user, spec_data("beta", name="Customers", description="all 100% customers", tags=["crm"]))
    created(user, spec_data("gamma", name="Alpha refunds", owner="sales-team", tags=["sales", "crm"]))
    viewer = as_role("Viewer")

    assert pipeline_ids(viewer) == ["alpha", "beta", "gamma"]
    assert pipeline_ids(viewer, tag="sales") == ["alpha", "gamma"]
    assert pipeline_ids(viewer, owner="sales-team", tag="crm") == ["gamma"]
    assert pipeline_ids(viewer, search="ORDERS") == ["alpha"]
    assert pipeline_ids(viewer, search="100%") == ["beta"]
    assert pipeline_ids(viewer, sort="name") == ["gamma", "beta", "alpha"]
    assert pipeline_ids(viewer, sort="id", descending=True) == ["gamma", "beta", "alpha"]
    page = viewer.get("/pipelines", params={"limit": 2, "offset": 2}).json()
    assert ([item["id"] for item in page["items"]], page["total"], page["limit"], page["offset"]) == (
        ["gamma"],
        3,
        2,
        2,
    )
    assert "draft_spec" not in page["items"][0]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "size"}, "query.sort"),
        ({"limit": 0}, "query.limit"),
        ({"offset": 2**63}, "query.offset"),
        ({"status": "lost"}, "query.status"),
    ],
)
def test_a_bad_list_parameter_is_422_naming_it(api_store, as_role, params, field):
    detail = error_of(as_role("Viewer").get("/pipelines", params=params), 422)

    assert detail["field"] == field


def test_a_save_commits_a_version_and_the_same_content_again_changes_nothing(api_store, as_role):
    user = as_role("User")
    created(user, spec_data())
    body = saved(user, spec_data(name="Renamed"), row_version=1, message="Better name")

    assert (body["row_version"], body["latest_version"], body["name"]) == (2, 2, "Renamed")
    version = api_store.versions.get("orders_daily", 2)
    assert (version.author, version.message) == ("api_user", "Better name")
    again = saved(user, spec_data(name="Renamed"), row_version=2)
    assert (again["row_version"], again["latest_version"]) == (2, 2)
    assert api_store.versions.list("orders_daily").total == 2


def test_a_save_at_a_stale_row_version_is_409_and_stores_nothing(api_store, as_role):
    user = as_role("User")
    created(user, spec_data())
    saved(user, spec_data(name="First edit"), row_version=1)

    response = user.put(
        "/pipelines/orders_daily", json={"spec": spec_data(name="Late edit"), "row_version": 1}
    )

    detail = error_of(response, 409)
    assert (detail["error"], detail["field"], detail["current_row_version"]) == (
        "stale_row_version",
        "row_version",
        2,
    )
    assert api_store.pipelines.get("orders_daily").name == "First edit"
    assert api_store.versions.list("orders_daily").total == 2


def test_an_invalid_spec_is_422_with_every_problem_and_stores_nothing(api_store, as_role):
    spec = spec_data() | {"id": "Bad Id"}
    spec["nodes"][0]["type"] = "source.nope"
    spec["nodes"][1]["inputs"] = ["missing"]

    detail = error_of(as_role("User").post("/pipelines", json={"spec": spec}), 422)

    assert detail["error"] == "invalid_spec"
    assert {error["path"] for error in detail["errors"]} >= {"id", "nodes[0].type", "nodes[1].inputs[0]"}
    assert api_store.pipelines.list().total == 0
    assert api_store.audit.list().total == 0


def test_invalid_yaml_text_errors_carry_line_and_column(api_store, as_role):
    text = "apiVersion: aggregator/v1\nid: typo\nnodes:\n  - {id: a, type: source.file, confg: {}}\n"

    detail = error_of(as_role("User").post("/pipelines", json={"spec_text": text}), 422)

    assert any(error["line"] == 4 for error in detail["errors"]), detail


def test_a_yaml_alias_bomb_is_refused_with_422(api_store, as_role):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "\n".join([*lines, "apiVersion: aggregator/v1", "id: bomb", "nodes: []"])

    detail = error_of(as_role("User").post("/pipelines", json={"spec_text": text}), 422)

    assert "expands to more than" in detail["message"]
    assert api_store.pipelines.list().total == 0


@pytest.mark.parametrize("body", [{}, {"spec": {"id": "x"}, "spec_text": "id: x"}])
def test_a_body_without_exactly_one_spec_form_is_422(api_store, as_role, body):
    detail = error_of(as_role("User").post("/pipelines", json=body), 422)

    assert detail["error"] == "invalid_request"


def test_the_spec_id_must_be_the_pipeline_id(api_store, as_role):
    user = as_role("User")
    created(user, spec_data())

    response = user.put("/pipelines/orders_daily", json={"spec": spec_data("other_id"), "row_version": 1})

    assert error_of(response, 422)["field"] == "spec.id"
    assert api_store.pipelines.list().total == 1


def test_a_taken_id_is_409(api_store, as_role):
    created(as_role("User"), spec_data())

    detail = error_of(as_role("User").post("/pipelines", json={"spec": spec_data()}), 409)

    assert detail["error"] == "already_exists"


def test_code_bearing_nodes_need_the_code_permission_to_be_created(api_store, as_role):
    detail = error_of(as_role("User").post("/pipelines", json={"spec": code_spec_data()}), 403)

    assert detail["missing_permission"] == {"action": "can_edit", "resource": "Aggregator Code"}
    assert (detail["field"], detail["code_nodes"]) == ("spec.nodes", ["query"])
    assert api_store.pipelines.list().total == 0
    assert created(as_role("Admin"), code_spec_data())["id"] == "with_sql"


def test_a_user_may_edit_a_pipeline_whose_code_nodes_stay_unchanged(api_store, as_role):
    created(as_role("Admin"), code_spec_data())
    user = as_role("User")

    body = saved(user, code_spec_data(name="Renamed by a user"), row_version=1)
    assert body["name"] == "Renamed by a user"

    changed_sql = code_spec_data(sql="SELECT 1", name="Renamed by a user")
    detail = error_of(user.put("/pipelines/with_sql", json={"spec": changed_sql, "row_version": 2}), 403)
    assert detail["code_nodes"] == ["query"]
    assert api_store.pipelines.get("with_sql").draft_spec == body["draft_spec"]


def test_delete_hides_a_pipeline_and_restore_brings_it_back(api_store, as_role):
    created(as_role("User"), spec_data())
    admin = as_role("Admin")

    stale = admin.delete("/pipelines/orders_daily", params={"row_version": 7})
    assert error_of(stale, 409)["current_row_version"] == 1
    deleted = admin.delete("/pipelines/orders_daily", params={"row_version": 1})
    assert deleted.status_code == 200, deleted.text
    assert (deleted.json()["status"], deleted.json()["deleted_at"] is not None) == ("deleted", True)
    assert error_of(admin.get("/pipelines/orders_daily"), 404)["error"] == "not_found"
    assert admin.get("/pipelines/orders_daily", params={"include_deleted": True}).status_code == 200
    assert pipeline_ids(admin) == []
    assert pipeline_ids(admin, include_deleted=True) == ["orders_daily"]
    edit = as_role("User").put(
        "/pipelines/orders_daily", json={"spec": spec_data(name="x"), "row_version": 2}
    )
    assert error_of(edit, 409)["error"] == "pipeline_deleted"

    restored = admin.post("/pipelines/orders_daily/restore")
    assert restored.status_code == 200, restored.text
    assert (restored.json()["status"], restored.json()["deleted_at"]) == ("draft", None)
    assert pipeline_ids(admin) == ["orders_daily"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/pipelines/nope", None),
        ("PUT", "/pipelines/nope", {"spec": make_spec("nope").to_data(), "row_version": 1}),
        ("DELETE", "/pipelines/nope", None),
        ("POST", "/pipelines/nope/restore", None),
    ],
)
def test_an_unknown_pipeline_is_404_json(api_store, as_role, method, path, body):
    detail = error_of(as_role("Admin").request(method, path, json=body), 404)

    assert (detail["error"], detail["field"]) == ("not_found", "id")
    assert "'nope'" in detail["message"]


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_body_over_the_size_limit_is_413_and_stores_nothing(api_store, as_role):
    spec = spec_data(description="x" * (10 * 1024 * 1024 + 1))

    detail = error_of(as_role("User").post("/pipelines", json={"spec": spec}), 413)

    assert (detail["error"], detail["field"]) == ("body_too_large", "body")
    assert api_store.pipelines.list().total == 0


def filtered_orders_spec(csv: Any, where: str = "status = 'paid'", **fields: Any) -> dict[str, Any]:
    """orders (a CSV file) -> paid (a filter) -> load (a Parquet file)."""
    nodes = [
        {"id": "orders", "type": "source.file", "config": {"path": str(csv)}},
        {"id": "paid", "type": "transform.filter", "inputs": ["orders"], "config": {"where": where}},
        {"id": "load", "type": "sink.file", "inputs": ["paid"], "config": {"path": str(csv) + ".parquet"}},
    ]
    return spec_data("filtered_orders", nodes=nodes, **fields)


@pytest.fixture
def orders_csv(tmp_path: Any) -> Any:
    path = tmp_path / "orders.csv"
    path.write_text(
        "order_id,ordered_on,amount,status\n"
        "1,2026-03-01,10.5,paid\n"
        "2,2026-03-02,3.25,open\n"
        "3,2026-03-03,99.0,paid\n"
    )
    return path


def test_validate_answers_problems_as_data(as_role):
    viewer = as_role("Viewer")
    valid = viewer.post("/validate", json={"spec": spec_data()})
    assert valid.status_code == 200
    assert valid.json() == {"valid": True, "errors": []}

    text = "apiVersion: aggregator/v1\nid: v\nnodes:\n  - {id: a, type: source.nope, config: {}}\n"
    invalid = viewer.post("/validate", json={"spec_text": text})
    assert invalid.status_code == 200
    assert invalid.json()["valid"] is False
    assert invalid.json()["errors"][0] | {"message": "-"} == {
        "path": "nodes[0].type",
        "message": "-",
        "line": 4,
        "column": 19,
    }
    assert error_of(viewer.post("/validate", json={}), 422)["error"] == "invalid_request"


def test_compile_shows_tasks_with_their_nodes_and_dependencies(as_role, orders_csv):
    spec = filtered_orders_spec(orders_csv)

    fused = as_role("Viewer").post("/compile", json={"spec": spec})
    assert fused.status_code == 200, fused.text
    assert [(task["task_id"], task["nodes"]) for task in fused.json()["tasks"]] == [
        ("load", ["orders", "paid", "load"])
    ]

    separate = as_role("Viewer").post("/compile", json={"spec": spec | {"fuse": False}}).json()
    assert (separate["dag_id"], separate["schedule"]) == ("filtered_orders", "@daily")
    assert [(task["task_id"], task["nodes"]) for task in separate["tasks"]] == [
        ("orders", ["orders"]),
        ("paid", ["paid"]),
        ("load", ["load"]),
    ]
    assert separate["dependencies"] == [["orders", "paid"], ["paid", "load"]]
    assert separate["tasks"][0]["operator"] == "providers.operators.pipeline_node.PipelineNodeOperator"


def test_compile_of_an_invalid_spec_is_422(as_role):
    spec = spec_data()
    spec["nodes"][1]["inputs"] = ["load"]

    detail = error_of(as_role("Viewer").post("/compile", json={"spec": spec}), 422)

    assert detail["error"] == "invalid_spec"


def test_a_spec_airflow_refuses_to_build_is_422(as_role):
    detail = error_of(as_role("Viewer").post("/compile", json={"spec": spec_data(catchup=True)}), 422)

    assert detail["field"].startswith("spec")
    assert "start_date" in detail["message"]


def test_preview_returns_each_nodes_rows_as_json(as_role, orders_csv):
    response = as_role("User").post("/preview", json={"spec": filtered_orders_spec(orders_csv), "rows": 2})

    assert response.status_code == 200, response.text
    nodes = {node["node_id"]: node for node in response.json()["nodes"]}
    orders, paid, load = nodes["orders"], nodes["paid"], nodes["load"]
    assert (orders["status"], orders["row_count"], orders["truncated"], orders["limit"]) == (
        "ok",
        2,
        True,
        "rows",
    )
    assert orders["rows"][0] == {"order_id": 1, "ordered_on": "2026-03-01", "amount": 10.5, "status": "paid"}
    assert {column["name"]: column["type"] for column in orders["schema"]}["ordered_on"].startswith("date")
    assert [row["order_id"] for row in paid["rows"]] == [1]
    assert (load["status"], load["reason"]) == ("skipped", "a sink: a preview never writes")
    assert not (orders_csv.parent / "orders.csv.parquet").exists()


def test_preview_reports_a_failing_node_and_skips_what_reads_it(as_role, orders_csv):
    spec = filtered_orders_spec(orders_csv, where="stauts = 'paid'")

    response = as_role("User").post("/preview", json={"spec": spec, "node": "paid"})

    assert response.status_code == 200, response.text
    nodes = {node["node_id"]: node for node in response.json()["nodes"]}
    assert list(nodes) == ["orders", "paid"]
    assert nodes["orders"]["status"] == "ok"
    assert nodes["paid"]["status"] == "error"
    assert "stauts" in nodes["paid"]["error"]


def test_a_preview_error_shows_no_secret_of_the_nodes_connections(as_role, orders_csv, monkeypatch):
    # A real PostgreSQL (trust auth: any password is accepted) whose error quotes the query.
    monkeypatch.setenv(
        "AIRFLOW_CONN_PREVIEW_SECRET_DB",
        '{"conn_type": "postgres", "host": "127.0.0.1", "port": 5432, "login": "postgres", '
        '"password": "pw-Secret-42", "schema": "postgres", "extra": {"application_name": "tok-abcdef"}}',
    )
    sql = "SELECT 'pw-Secret-42', 'tok-abcdef', 'postgresql://u:hunter2@db/x' FROM no_such_table"
    spec = filtered_orders_spec(orders_csv)
    spec["nodes"] = [
        spec["nodes"][0],
        {
            "id": "query",
            "type": "sql.query",
            "inputs": ["orders"],
            "config": {"conn_id": "preview_secret_db", "sql": sql},
        },
    ]

    response = as_role("Admin").post("/preview", json={"spec": spec, "node": "query"})

    assert response.status_code == 200, response.text
    error = {node["node_id"]: node for node in response.json()["nodes"]}["query"]["error"]
    assert "no_such_table" in error
    assert "pw-Secret-42" not in error and "tok-abcdef" not in error and "hunter2" not in error
    assert "postgresql://u:***@db/x" in error


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"node": "nowhere"}, "node"), ({"rows": 1001}, "body.rows"), ({"rows": 0}, "body.rows")],
)
def test_a_bad_preview_request_is_422_naming_the_field(as_role, orders_csv, extra, field):
    body = {"spec": filtered_orders_spec(orders_csv)} | extra

    assert error_of(as_role("User").post("/preview", json=body), 422)["field"] == field


def test_previewing_code_needs_the_code_permission(as_role):
    user = as_role("User")

    detail = error_of(user.post("/preview", json={"spec": code_spec_data()}), 403)
    assert detail["code_nodes"] == ["query"]
    # The nodes before the code run without it.
    only_source = user.post("/preview", json={"spec": code_spec_data(), "node": "orders"})
    assert only_source.status_code == 200, only_source.text
    assert [node["node_id"] for node in only_source.json()["nodes"]] == ["orders"]
