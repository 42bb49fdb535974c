"""Run ``sink.sql`` / ``source.sql`` executors outside Airflow, as the operator does."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

HOST = os.environ.get("AGGREGATOR_TEST_PG_HOST", "127.0.0.1")
DATABASE = "aggregator_sql_tests"
CONN_ID = "sqltest"
URI = f"postgresql://postgres@{HOST}:5432/{DATABASE}"
MYSQL_HOST = os.environ.get("AGGREGATOR_TEST_MYSQL_HOST", "127.0.0.1")
REPO = Path(__file__).resolve().parents[3]


def node_run(node_id: str = "load", run_id: str = "run_1", dag_id: str = "sql_tests", **context: Any):
    from providers.execution.node_run import NodeRun

    return NodeRun(node_id=node_id, dag_id=dag_id, run_id=run_id, spec_folder=Path("."), context=context)


def sink(
    staged: Any, *, run_id: str = "run_1", node_id: str = "load", context: Any = None, **config: Any
) -> dict[str, Any]:
    from providers.components.sql_sink import SqlSinkConfig, write_sql

    settings = SqlSinkConfig.model_validate({"conn_id": CONN_ID, **config})
    return write_sql(node_run(node_id, run_id, **(context or {})), settings, [staged])


def source(*, run: Any = None, **config: Any):
    """The source's reader, read in full, and its node run (for metrics).

    ``query`` in the config selects ``source.sql_query``, else ``source.sql``.
    """
    if "query" in config:
        from providers.components.sql_query_source import SqlQuerySourceConfig as Config
        from providers.components.sql_query_source import read_query as read
    else:
        from providers.components.sql_source import SqlSourceConfig as Config
        from providers.components.sql_source import read_sql as read

    settings = Config.model_validate({"conn_id": CONN_ID, **config})
    run = run or node_run("extract")
    return read(run, settings, []).read_all(), run
