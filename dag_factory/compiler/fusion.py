"""Fusion: which nodes run inside their consumer's task instead of staging their output.

A node is fused into its consumer when its type is fusable (a source's read, a row-wise
transform, or a join streaming its left input: its output is made batch by batch) and
exactly one node reads it. The consumer's task then
runs the whole chain in one process, and no data is staged between the chain's nodes.

The plan is a pure function of the graph and of which types are fusable. The parse of a
whole DAG knows the node types; a task start does not (it skips node-type discovery), so it
keeps every :func:`fusion_candidates` node and the running task settles its own chain with
:func:`fused_chain` once the registry is loaded anyway.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dag_factory.spec.models import PipelineSpec

FusablePredicate = Callable[[str], bool]
"""``node type -> whether it may run inside its consumer's task``."""


@dataclass(frozen=True)
class PlannedNode:
    """A node as fusion sees it: its id, type, inputs and what its operator needs to run it."""

    id: str
    type: str
    inputs: tuple[str, ...] = ()
    config: Mapping[str, Any] = field(default_factory=dict)
    name: str | None = None

    def to_data(self) -> dict[str, Any]:
        """Plain data, as carried by an operator."""
        data = {"id": self.id, "type": self.type, "inputs": list(self.inputs), "config": dict(self.config)}
        return data | ({"name": self.name} if self.name else {})

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> PlannedNode:
        """The inverse of :meth:`to_data`."""
        return cls(
            id=data["id"],
            type=data["type"],
            inputs=tuple(data.get("inputs", ())),
            config=data.get("config", {}),
            name=data.get("name"),
        )


def fusion_candidates(nodes: Sequence[PlannedNode]) -> dict[str, list[PlannedNode]]:
    """Per node, the upstream nodes that could run in its task, nearest first.

    A candidate has exactly one consumer; the walk continues up through candidates only, so each
    node appears in at most one list.
    """
    consumers = Counter(upstream for node in nodes for upstream in node.inputs)
    by_id = {node.id: node for node in nodes}
    candidates: dict[str, list[PlannedNode]] = {}
    for node in nodes:
        found: list[PlannedNode] = []
        pending = list(node.inputs)
        while pending:
            upstream = by_id[pending.pop(0)]
            if consumers[upstream.id] == 1:
                found.append(upstream)
                pending.extend(upstream.inputs)
        candidates[node.id] = found
    return candidates


def fused_chain(
    inputs: Sequence[str], candidates: Sequence[PlannedNode], fusable: FusablePredicate
) -> list[PlannedNode]:
    """The candidates that run in the task of a node reading ``inputs``: fusable, and reached
    through fusable nodes only."""
    by_id = {node.id: node for node in candidates}
    chain: list[PlannedNode] = []
    frontier = [tuple(inputs)]
    while frontier:
        for upstream in frontier.pop(0):
            node = by_id.get(upstream)
            if node is not None and fusable(node.type):
                chain.append(node)
                frontier.append(node.inputs)
    return chain


def plan_tasks(nodes: Sequence[PlannedNode], fusable: FusablePredicate) -> dict[str, list[PlannedNode]]:
    """Per task (a node that is not fused away), the nodes fused into it, nearest first."""
    candidates = fusion_candidates(nodes)
    fused_into = {node.id: fused_chain(node.inputs, candidates[node.id], fusable) for node in nodes}
    absorbed = {member.id for chain in fused_into.values() for member in chain}
    return {node.id: fused_into[node.id] for node in nodes if node.id not in absorbed}


def planned_nodes(spec: PipelineSpec) -> list[PlannedNode]:
    """The nodes of ``spec`` as the planner sees them."""
    return [
        PlannedNode(id=node.id, type=node.type, inputs=tuple(node.inputs), config=node.config, name=node.name)
        for node in spec.nodes
    ]


def spec_task_plan(
    planned: Sequence[PlannedNode], fusable: FusablePredicate | None, *, fuse: bool = True
) -> dict[str, list[PlannedNode]]:
    """The tasks as :func:`plan_tasks` gives them, or a task per node when not ``fuse``.

    Without ``fusable`` (node types not loaded, as when a task starts) every task keeps its
    :func:`fusion_candidates` and its operator settles the chain.
    """
    if not fuse:
        return {node.id: [] for node in planned}
    if fusable is None:
        return fusion_candidates(planned)
    return plan_tasks(planned, fusable)
