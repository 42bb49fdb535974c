"""``NodeRun``: what an executor gets besides its config and inputs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class NodeRun:
    """One execution of one node inside an Airflow task.

    :param node_id: The node (and task) id.
    :param dag_id: The pipeline (and DAG) id.
    :param run_id: The Airflow run id.
    :param spec_folder: Folder of the spec file; relative local paths resolve against it.
    :param context: The Airflow task context (empty outside Airflow).
    :param metrics: Counters the executor reports (e.g. ``rows_written``).
    :param preview: A preview on a sample: the node must not write anywhere (no files, no tables).
    :param input_nodes: Ids of the nodes whose outputs are this node's inputs, in order.
    :param fused_upstream: Runs of upstream nodes fused into this node's task; their metrics
        are complete once this node has read its inputs.
    """

    node_id: str
    dag_id: str
    run_id: str
    spec_folder: Path
    context: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("airflow.task"))
    preview: bool = False
    input_nodes: list[str] = field(default_factory=list)
    fused_upstream: list[NodeRun] = field(default_factory=list)

    def resolve_path(self, location: str, conn_id: str | None = None) -> Any:
        """An ``ObjectStoragePath`` for a URL, or for a local path relative to the spec."""
        from airflow.sdk import ObjectStoragePath

        if "://" in location:
            return ObjectStoragePath(location, conn_id=conn_id)
        path = Path(location).expanduser()
        if not path.is_absolute():
            path = self.spec_folder / path
        return ObjectStoragePath(f"file://{path.resolve()}", conn_id=conn_id)
