"""``PipelineSample``: what a preview returns, per node, as plain data for the UI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: ``ok``: the node ran on the sample; ``error``: it failed; ``skipped``: it was not run.
NodeStatus = Literal["ok", "error", "skipped"]


@dataclass(frozen=True)
class NodeSample:
    """One node's output on the sample, or why there is none.

    :param node_id: The node.
    :param node_type: Its type, e.g. ``transform.filter``.
    :param status: ``ok``, ``error`` or ``skipped``.
    :param schema: Its output columns: ``{"name", "type"}`` (Arrow type name).
    :param rows: Its output rows as JSON data (see ``json_records``).
    :param row_count: Number of rows in ``rows``.
    :param truncated: Whether the output had more rows than the sample holds.
    :param limit: The cap that cut it: ``rows``, ``bytes`` or ``seconds``.
    :param seconds: Time the node took (its inputs were already in memory).
    :param error: The node's error message (status ``error``).
    :param reason: Why it was not run (status ``skipped``).
    """

    node_id: str
    node_type: str
    status: NodeStatus
    schema: list[dict[str, str]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_count: int = 0
    truncated: bool = False
    limit: str | None = None
    seconds: float = 0.0
    error: str | None = None
    reason: str | None = None

    def to_data(self) -> dict[str, Any]:
        """JSON data."""
        return asdict(self)


@dataclass(frozen=True)
class PipelineSample:
    """The nodes a preview looked at, in the order they ran.

    :param pipeline_id: The spec's id.
    :param nodes: One entry per node of the previewed prefix, in topological order.
    :param seconds: Time the whole preview took.
    """

    pipeline_id: str
    nodes: list[NodeSample]
    seconds: float

    def node(self, node_id: str) -> NodeSample:
        """The entry of ``node_id``."""
        for sample in self.nodes:
            if sample.node_id == node_id:
                return sample
        raise KeyError(node_id)

    def to_data(self) -> dict[str, Any]:
        """JSON data."""
        return {
            "pipeline_id": self.pipeline_id,
            "seconds": self.seconds,
            "nodes": [sample.to_data() for sample in self.nodes],
        }
