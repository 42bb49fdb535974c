"""Run one DAG of the configured bundle with ``dag.test()`` and summarise the task states.

Started by ``aggregator run`` in a process whose environment points Airflow at a private
home, so that Airflow reads that configuration when it is first imported.
"""

from __future__ import annotations

import json
import sys


def main(dag_id: str, params_json: str) -> int:
    """Parse the bundle, run ``dag_id`` once, print one line per task; 0 when it succeeded."""
    from airflow.dag_processing.dagbag import DagBag
    from airflow.sdk import conf

    bag = DagBag(dag_folder=conf.get("core", "dags_folder"))
    if dag_id not in bag.dags:
        print(f"error: DAG {dag_id} was not built; import errors: {bag.import_errors}", file=sys.stderr)
        return 1
    dag = bag.dags[dag_id]
    run = dag.test(run_conf=json.loads(params_json) or None)
    print(f"\nRun {run.run_id}: {run.state}")
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    for task in dag.tasks:
        print(f"  {task.task_id:<30} {states.get(task.task_id)}")
    return 0 if run.state == "success" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
