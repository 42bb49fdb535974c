"""Where staged data lives: ``<staging_url>/<dag_id>/<run_id>/<node_id>.parquet``.

Rows a node set aside (e.g. values a cast could not convert) go to
``<staging_url>/@rejects/<dag_id>/<run_id>/<node_id>.parquet``, outside the run's folder, so
the clean-up after a successful run keeps them (``@`` is not allowed in a pipeline id).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from airflow.sdk import ObjectStoragePath

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def default_staging_url() -> str:
    """``file://$AIRFLOW_HOME/aggregator/staging``."""
    home = os.environ.get("AIRFLOW_HOME") or os.path.expanduser("~/airflow")
    return f"file://{os.path.abspath(home)}/aggregator/staging"


def staging_root() -> ObjectStoragePath:
    """The configured ``[aggregator] staging_url`` as an ``ObjectStoragePath``."""
    from airflow.sdk import ObjectStoragePath, conf

    url = conf.get("aggregator", "staging_url", fallback=None) or default_staging_url()
    conn_id = conf.get("aggregator", "staging_conn_id", fallback=None) or None
    return ObjectStoragePath(url, conn_id=conn_id)


def safe_segment(value: str) -> str:
    """A run id or task id made safe as one path segment on every object store."""
    return _UNSAFE.sub("_", value)


def run_folder(dag_id: str, run_id: str) -> ObjectStoragePath:
    """The folder holding everything staged by one DAG run."""
    return staging_root() / safe_segment(dag_id) / safe_segment(run_id)


def node_rejects_path(dag_id: str, run_id: str, node_id: str) -> ObjectStoragePath:
    """The Parquet file of the rows one node set aside in one DAG run; kept after the run."""
    folder = staging_root() / "@rejects" / safe_segment(dag_id) / safe_segment(run_id)
    return folder / f"{safe_segment(node_id)}.parquet"


def node_output_path(dag_id: str, run_id: str, node_id: str) -> ObjectStoragePath:
    """The Parquet file holding one node's output in one DAG run."""
    return run_folder(dag_id, run_id) / f"{safe_segment(node_id)}.parquet"
