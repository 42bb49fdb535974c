"""Every node task emits Airflow metrics; sinks declare Assets that schedule other pipelines."""

from __future__ import annotations

import socket
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from providers.components.file_asset import file_asset
from providers.components.sql_asset import sql_asset

REPO = Path(__file__).resolve().parents[2]
ORDERS = REPO / "dags/data/orders.csv"


@pytest.mark.parametrize(
    ("path", "folder", "uri"),
    [
        ("out/orders.csv", "/specs", "file:///specs/out/orders.csv"),
        ("../shared/./orders.parquet", "/specs/team", "file:///specs/shared/orders.parquet"),
        ("/data/orders.csv", None, "file:///data/orders.csv"),
        ("out/{{ ds }}.csv", "/specs", "file:///specs/out"),
        ("out/day={{ ds }}/part.parquet", "/specs", "file:///specs/out"),
        ("s3://lake/orders/{{ ds }}.parquet", None, "s3://lake/orders"),
        ("gs://lake/orders.parquet", None, "gs://lake/orders.parquet"),
    ],
)
def test_file_sink_asset_is_the_file_or_the_folder_before_the_first_template(path, folder, uri):
    assert file_asset({"path": path}, folder).uri == uri


@pytest.mark.parametrize(("path", "folder"), [("out.csv", None), ("{{ params.target }}", "/specs")])
def test_file_sink_without_a_knowable_location_declares_no_asset(path, folder):
    assert file_asset({"path": path}, folder) is None


@pytest.mark.parametrize(
    ("config", "uri"),
    [
        (
            {"conn_id": "dwh_pg", "table": "orders", "schema": "analytics"},
            "x-aggregator-sql://dwh_pg/analytics/orders",
        ),
        ({"conn_id": "lite", "table": "orders"}, "x-aggregator-sql://lite/orders"),
        ({"conn_id": "dwh", "table": "Order Lines"}, "x-aggregator-sql://dwh/Order%20Lines"),
    ],
)
def test_sql_sink_asset_names_connection_schema_and_table(config, uri):
    assert sql_asset(config, None).uri == uri


def test_sql_sink_with_a_templated_table_declares_no_asset():
    assert sql_asset({"conn_id": "dwh", "table": "orders_{{ ds_nodash }}"}, None) is None


def test_asset_uris_parse_without_warnings():
    import warnings

    from airflow.sdk import Asset

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for target in (
            sql_asset({"conn_id": "dwh_pg", "table": "t", "schema": "s"}, None),
            file_asset({"path": "/x/y.csv"}, None),
        ):
            assert Asset(uri=target.uri).uri == target.uri


SINKS_SPEC = textwrap.dedent(
    """\
    apiVersion: aggregator/v1
    id: PIPELINE
    nodes:
      - {id: orders, type: source.file, config: {path: ORDERS}}
      - {id: to_file, type: sink.file, inputs: [orders], config: {path: "out/{{ ds }}.csv"}}
      - id: to_table
        type: sink.sql
        inputs: [orders]
        config: {conn_id: dwh_pg, schema: analytics, table: orders}
    """
)


@pytest.mark.usefixtures("airflow_db")
def test_sink_tasks_have_their_assets_as_outlets_in_the_dag_bag(spec_folder, bundle):
    from airflow.dag_processing.dagbag import DagBag

    (spec_folder / "sinks.yaml").write_text(
        SINKS_SPEC.replace("PIPELINE", "two_sinks").replace("ORDERS", str(ORDERS))
    )
    bag = DagBag(dag_folder=str(spec_folder))
    assert not bag.import_errors
    dag = bag.dags["two_sinks"]
    outlets = {task.task_id: [asset.uri for asset in task.outlets] for task in dag.tasks}
    assert outlets == {
        "orders": [],
        "to_file": [f"file://{spec_folder}/out"],
        "to_table": ["x-aggregator-sql://dwh_pg/analytics/orders"],
    }


@pytest.fixture
def statsd(monkeypatch) -> Iterator[socket.socket]:
    """A StatsD listener on a loopback UDP port, with Airflow's metrics pointed at it."""
    from airflow.sdk._shared.observability.metrics.base_stats_logger import NoStatsLogger
    from airflow.sdk.observability import stats
    from airflow.sdk.observability.metrics.stats_utils import get_stats_factory

    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("127.0.0.1", 0))
    listener.settimeout(0.2)
    settings = {
        "STATSD_ON": "True",
        "STATSD_HOST": "127.0.0.1",
        "STATSD_PORT": str(listener.getsockname()[1]),
        "STATSD_PREFIX": "airflow",
        "STATSD_INFLUXDB_ENABLED": "True",  # tags travel as name,tag=value
    }
    for key, value in settings.items():
        monkeypatch.setenv(f"AIRFLOW__METRICS__{key}", value)
    # What the task runner does at the start of every task process.
    stats.initialize(factory=get_stats_factory(), export_legacy_names=False)
    yield listener
    stats.initialize(factory=NoStatsLogger, export_legacy_names=False)
    listener.close()


def received(listener: socket.socket) -> list[str]:
    lines = []
    while True:
        try:
            payload = listener.recv(65_535)
        except TimeoutError:
            return lines
        lines += payload.decode().splitlines()


FILE_SPEC = textwrap.dedent(
    """\
    apiVersion: aggregator/v1
    id: PIPELINE
    nodes:
      - {id: orders, type: source.file, config: {path: ORDERS}}
      - {id: export, type: sink.file, inputs: [orders], config: {path: "TARGET"}}
    """
)


def write_spec(folder: Path, dag_id: str, target: str, schedule: list[str] | None = None) -> None:
    text = FILE_SPEC.replace("PIPELINE", dag_id).replace("ORDERS", str(ORDERS)).replace("TARGET", target)
    if schedule:
        text += "schedule: [" + ", ".join(f'"{uri}"' for uri in schedule) + "]\n"
    (folder / f"{dag_id}.yaml").write_text(text)


def run_dag(bundle: Path, dag_id: str):
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(bundle))
    assert dag_id in bag.dags, bag.import_errors
    return bag.dags[dag_id].test()


@pytest.mark.usefixtures("airflow_db")
def test_every_node_task_sends_rows_bytes_and_duration_to_statsd(spec_folder, bundle, statsd):
    write_spec(spec_folder, "metered", "out/metered.csv")
    run = run_dag(bundle, "metered")
    assert run.state == "success"
    lines = received(statsd)
    ours = [line for line in lines if line.startswith("airflow.aggregator.node.")]
    tags = "dag_id=metered,node_id={node},node_type={kind}"
    orders = tags.format(node="orders", kind="source.file")
    export = tags.format(node="export", kind="sink.file")
    rows = sum(1 for _ in ORDERS.open()) - 1
    size = (spec_folder / "out/metered.csv").stat().st_size
    assert f"airflow.aggregator.node.rows,{orders}:{rows}|c" in ours
    assert f"airflow.aggregator.node.rows_in,{export}:{rows}|c" in ours
    assert f"airflow.aggregator.node.rows,{export}:{rows}|c" in ours
    assert f"airflow.aggregator.node.bytes,{export}:{size}|c" in ours
    assert any(line.startswith(f"airflow.aggregator.node.bytes,{orders}:") for line in ours)
    for node_tags in (orders, export):
        timing = [line for line in ours if line.startswith(f"airflow.aggregator.node.duration,{node_tags}:")]
        assert len(timing) == 1 and timing[0].endswith("|ms")


def run_dag_tasks(bundle: Path, dag_id: str) -> dict:
    from airflow.dag_processing.dagbag import DagBag

    return {task.task_id: task for task in DagBag(dag_folder=str(bundle)).dags[dag_id].tasks}


def sync_and_unpause(bundle: Path, dag_id: str) -> None:
    """Write the bundle's DAGs to the metadata DB (as the dag-processor does) and unpause one."""
    from airflow.dag_processing.bundles.manager import DagBundlesManager
    from airflow.dag_processing.dagbag import DagBag, sync_bag_to_db
    from airflow.models.dag import DagModel
    from airflow.utils.session import create_session

    DagBundlesManager().sync_bundles_to_db()
    sync_bag_to_db(DagBag(dag_folder=str(bundle)), "dags-folder", None)
    with create_session() as session:
        session.query(DagModel).filter_by(dag_id=dag_id).update({"is_paused": False})


@pytest.mark.usefixtures("airflow_db")
@pytest.mark.parametrize("task_start", [False, True], ids=["parsed_dag", "task_start_build"])
def test_a_pipeline_scheduled_on_a_sink_asset_is_queued_when_that_sink_writes(
    spec_folder, bundle, monkeypatch, task_start
):
    """At a task start the DAG is built without node type discovery: the sink then declares
    its outlet while it runs, and the event is the same."""
    from airflow.models.asset import AssetDagRunQueue, AssetEvent, AssetModel
    from airflow.utils.session import create_session

    uri = f"file://{spec_folder}/landed"
    write_spec(spec_folder, "producer", "landed/{{ ds }}.csv")
    write_spec(spec_folder, "consumer", "copied.csv", schedule=[uri])
    sync_and_unpause(bundle, "consumer")
    if task_start:
        monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", "producer")
        assert not run_dag_tasks(bundle, "producer")["export"].outlets
    run = run_dag(bundle, "producer")
    assert run.state == "success"
    with create_session() as session:
        asset = session.query(AssetModel).filter_by(uri=uri).one()
        events = session.query(AssetEvent).filter_by(asset_id=asset.id).all()
        assert [(e.source_dag_id, e.source_task_id, e.source_run_id) for e in events] == [
            ("producer", "export", run.run_id)
        ]
        queued = session.query(AssetDagRunQueue).filter_by(asset_id=asset.id).all()
        assert [item.target_dag_id for item in queued] == ["consumer"]
