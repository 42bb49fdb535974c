"""Previewing a spec through the API: which nodes run, who may run them, and on which files.

Relative file paths resolve against the folder published specs are written to, as they
do when the published pipeline runs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from fastapi import status
from pydantic import Field

from ui_plugin.api.code_gate import require_code_permission
from ui_plugin.api.error_responses import ApiError
from ui_plugin.api.spec_input import SpecInput

if TYPE_CHECKING:
    from airflow.api_fastapi.auth.managers.models.base_user import BaseUser

    from dag_factory.spec.models import PipelineSpec
    from providers.execution.pipeline_sample import NodeSample, PipelineSample

MAX_PREVIEW_ROWS = 1000


class PreviewRequest(SpecInput):
    """A spec to preview, and how much of it."""

    node: str | None = Field(
        default=None, description="Run this node and the nodes it reads from; all nodes when left out."
    )
    rows: int = Field(default=100, ge=1, le=MAX_PREVIEW_ROWS, description="Rows kept per node.")
    params: dict[str, Any] | None = Field(default=None, description="Values overriding the spec's params.")


def preview_request(user: BaseUser, request: PreviewRequest) -> PipelineSample:
    """Run the requested nodes on a sample; 403 if they include code ``user`` may not write."""
    from dag_factory.bundle.publish import PIPELINES_DIR
    from providers.execution.preview import prefix_order, preview_pipeline
    from ui_plugin.api.bundle_target import publish_bundle, publish_folder

    spec = request.validated()
    try:
        running = set(prefix_order(spec, request.node))
    except ValueError as error:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "unknown_node", str(error), field="node"
        ) from None
    # Previewing runs code-bearing nodes, so running them needs the permission to write them.
    nodes = [node for node in spec.to_data()["nodes"] if node["id"] in running]
    require_code_permission(user, {"nodes": nodes})
    sample = preview_pipeline(
        spec,
        upto=request.node,
        rows=request.rows,
        params=request.params,
        allow_code=True,
        spec_folder=publish_bundle() / PIPELINES_DIR / publish_folder(),
    )
    return without_secrets(sample, spec)


def without_secrets(sample: PipelineSample, spec: PipelineSpec) -> PipelineSample:
    """``sample`` whose error messages show no password of a URL and no secret of the Airflow
    connections the spec's nodes use (a driver's message may quote a connection string)."""
    if not any(node.error for node in sample.nodes):
        return sample
    secrets = connection_secrets_of(spec)
    nodes = [_safe_node(node, secrets) for node in sample.nodes]
    return replace(sample, nodes=nodes)


def _safe_node(node: NodeSample, secrets: list[str]) -> NodeSample:
    from ui_plugin.api.redaction import safe_message

    return replace(node, error=safe_message(node.error, secrets)) if node.error else node


def connection_secrets_of(spec: PipelineSpec) -> list[str]:
    """The secrets of every existing Airflow connection named in a connection field of a node."""
    from airflow.exceptions import AirflowNotFoundException
    from airflow.models.connection import Connection

    from dag_factory.registry.catalog import default_registry
    from dag_factory.registry.connection_refs import connection_refs
    from ui_plugin.api.redaction import connection_secrets

    secrets: list[str] = []
    # Each connection is read once, however many nodes name it.
    for conn_id in {ref.conn_id for ref in connection_refs(spec, default_registry())}:
        if not conn_id or "\x00" in conn_id:
            continue
        try:
            secrets += connection_secrets(Connection.get_connection_from_secrets(conn_id))
        except AirflowNotFoundException:
            continue
    return secrets
