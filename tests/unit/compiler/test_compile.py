from datetime import UTC, datetime, timedelta
from pathlib import Path

from dag_factory.compiler.compile import compile_pipeline, spec_version_of
from dag_factory.spec.parsing import load_spec_file, parse_spec

SPEC_PATH = Path(__file__).resolve().parents[2] / "specs" / "orders_daily.yaml"


def test_a_source_read_by_one_node_runs_in_that_nodes_task():
    dag = compile_pipeline(load_spec_file(SPEC_PATH), spec_path=SPEC_PATH)
    assert sorted(dag.task_ids) == ["big", "load"]
    big = dag.get_task("big")
    assert big.upstream_task_ids == set()
    assert big.input_nodes == ["orders"]
    assert [node["id"] for node in big.fused_nodes] == ["orders"]
    assert big.task_display_name == "orders → big"
    assert "`orders` (source.file)" in big.doc_md
    assert dag.get_task("load").upstream_task_ids == {"big"}


def test_one_task_per_node_with_dependencies_from_inputs():
    text = SPEC_PATH.read_text().replace("schedule:", "fuse: false\nschedule:")
    dag = compile_pipeline(parse_spec(text), spec_path=SPEC_PATH)
    assert dag.dag_id == "orders_daily"
    assert sorted(dag.task_ids) == ["big", "load", "orders"]
    assert dag.get_task("big").upstream_task_ids == {"orders"}
    assert dag.get_task("load").upstream_task_ids == {"big"}
    assert dag.get_task("orders").node_type == "source.file"
    assert dag.get_task("big").input_nodes == ["orders"]
    assert dag.get_task("orders").spec_folder == str(SPEC_PATH.parent)


def test_dag_settings_map_from_the_spec():
    text = SPEC_PATH.read_text().replace(
        "schedule:", "owner: finance\ntags: [sales, daily]\ncatchup: true\nmax_active_runs: 2\nschedule:"
    )
    dag = compile_pipeline(parse_spec(text))
    assert dag.schedule == "@daily"
    assert dag.start_date == datetime(2026, 1, 1, tzinfo=UTC)
    assert dag.catchup is True
    assert dag.max_active_runs == 2
    assert set(dag.tags) == {"aggregator", "sales", "daily"}
    assert dag.params["min_amount"] == 10
    task = dag.get_task("big")
    assert task.owner == "finance"
    assert task.retries == 2
    assert task.retry_delay == timedelta(minutes=5)


def test_the_dag_carries_the_spec_content_hash():
    spec = load_spec_file(SPEC_PATH)
    dag = compile_pipeline(spec)
    assert spec_version_of(dag.doc_md) == spec.content_hash
    changed = parse_spec(SPEC_PATH.read_text().replace("retries: 2", "retries: 4"))
    assert spec_version_of(compile_pipeline(changed).doc_md) != spec.content_hash


def test_asset_schedules_become_airflow_assets():
    text = SPEC_PATH.read_text().replace('schedule: "@daily"', "schedule: [orders_landed, 's3://bucket/x']")
    dag = compile_pipeline(parse_spec(text))
    names = sorted(asset.name for asset in dag.timetable.asset_condition.objects)
    assert names == ["orders_landed", "s3://bucket/x"]


def test_node_names_become_task_display_names():
    text = SPEC_PATH.read_text().replace("  - id: orders\n", "  - id: orders\n    name: Orders CSV\n")
    dag = compile_pipeline(parse_spec(text))
    assert dag.get_task("big").task_display_name == "Orders CSV → big"
    assert dag.get_task("load").task_display_name == "load"


def test_a_task_start_keeps_every_edge_of_the_spec():
    # A task start builds the DAG without node types: no node is fused away there, and each task
    # must still see all its upstream tasks (a sink reads their watermarks from XCom).
    dag = compile_pipeline(load_spec_file(SPEC_PATH), spec_path=SPEC_PATH, assets=False)
    assert sorted(dag.task_ids) == ["big", "load", "orders"]
    assert dag.get_task("big").upstream_task_ids == {"orders"}
    assert dag.get_task("load").get_flat_relative_ids(upstream=True) == {"big", "orders"}
    assert [node["id"] for node in dag.get_task("big").fused_nodes] == ["orders"]
