"""Run a DAG of the test bundle with ``dag.test()`` and read what its tasks pushed."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any


def run_dag(
    bundle: Path, dag_id: str, conf: dict | None = None, logical_date: datetime.datetime | None = None
) -> Any:
    """Parse the bundle as Airflow does and run ``dag_id`` once; its DagRun."""
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(bundle))
    assert dag_id in bag.dags, bag.import_errors
    if logical_date is None:
        return bag.dags[dag_id].test(run_conf=conf)
    # The manual run id is made from run_after: fixing both reruns the same run.
    return bag.dags[dag_id].test(run_conf=conf, run_after=logical_date, logical_date=logical_date)


def metrics_of(run: Any, node_id: str) -> dict:
    """The metrics of one node of ``run``: its task's ``aggregator_metrics`` XCom, or its entry in
    the metrics of the task it ran fused into."""
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    from providers.operators.pipeline_node import metrics_per_node

    with create_session() as session:
        rows = (
            session.query(XComModel)
            .filter_by(dag_id=run.dag_id, run_id=run.run_id, key="aggregator_metrics")
            .all()
        )
        by_task = {row.task_id: XComModel.deserialize_value(row) for row in rows}
    nodes = metrics_per_node(by_task)
    assert node_id in nodes, f"no metrics for node {node_id!r}; have {sorted(nodes)}"
    return nodes[node_id]
