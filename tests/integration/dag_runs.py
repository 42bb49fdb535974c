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


def metrics_of(run: Any, task_id: str) -> dict:
    """The ``aggregator_metrics`` XCom a task of ``run`` pushed."""
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    with create_session() as session:
        row = (
            session.query(XComModel)
            .filter_by(dag_id=run.dag_id, run_id=run.run_id, task_id=task_id, key="aggregator_metrics")
            .one()
        )
        return XComModel.deserialize_value(row)
