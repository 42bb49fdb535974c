"""Semantic difference between two versions of a pipeline spec.

What changed in the pipeline (fields, nodes, config keys, edges), not which lines of
text moved. Pure: no I/O, both specs are already validated :class:`PipelineSpec` objects.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dag_factory.spec.models import NodeSpec, PipelineSpec
from dag_factory.spec.value_changes import ValueChange, diff_values


@dataclass(frozen=True)
class NodeRef:
    """A node that exists in only one of the two versions."""

    id: str
    type: str

    def to_data(self) -> dict[str, str]:
        """A JSON-friendly form."""
        return {"id": self.id, "type": self.type}


@dataclass(frozen=True)
class NodeRename:
    """A node whose id changed while its type, config, names and inputs stayed the same."""

    old_id: str
    new_id: str

    def to_data(self) -> dict[str, str]:
        """A JSON-friendly form."""
        return {"from": self.old_id, "to": self.new_id}


@dataclass(frozen=True)
class Edge:
    """Data flows from node ``source`` into node ``target`` (``source`` is in its inputs)."""

    source: str
    target: str

    def to_data(self) -> dict[str, str]:
        """A JSON-friendly form."""
        return {"from": self.source, "to": self.target}


@dataclass(frozen=True)
class NodeChange:
    """A node present in both versions whose settings differ.

    ``id`` is the node's id in the new version. ``fields`` holds changes of ``type``,
    ``name``, ``description``, ``inputs`` (when the order or repetition of the upstream
    nodes kept in both versions changed) and, if asked for, ``ui.position``. ``config``
    holds changes of the node's config, with paths inside the config (``columns.amount``).
    """

    id: str
    fields: tuple[ValueChange, ...] = ()
    config: tuple[ValueChange, ...] = ()

    def to_data(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        return {
            "id": self.id,
            "fields": [change.to_data() for change in self.fields],
            "config": [change.to_data() for change in self.config],
        }


@dataclass(frozen=True)
class SpecDiff:
    """Everything that differs between an old and a new version of a pipeline spec.

    Every collection is sorted (fields by path, nodes by id, edges by their ends), so
    equal inputs give equal diffs and the result does not depend on the order of nodes.
    Nodes and edges are named by their ids in the new version; a removed node, which
    has none, by its old id.
    """

    fields: tuple[ValueChange, ...] = ()
    nodes_added: tuple[NodeRef, ...] = ()
    nodes_removed: tuple[NodeRef, ...] = ()
    nodes_renamed: tuple[NodeRename, ...] = ()
    nodes_changed: tuple[NodeChange, ...] = ()
    edges_added: tuple[Edge, ...] = ()
    edges_removed: tuple[Edge, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether the two versions are the same pipeline."""
        return not (
            self.fields
            or self.nodes_added
            or self.nodes_removed
            or self.nodes_renamed
            or self.nodes_changed
            or self.edges_added
            or self.edges_removed
        )

    @property
    def config_changes(self) -> int:
        """How many config keys were added, removed or changed, over all nodes."""
        return sum(len(node.config) for node in self.nodes_changed)

    def summary(self) -> str:
        """One line for a version list, e.g. ``2 nodes added, 1 removed, 3 config keys changed``."""
        parts = [
            *_counted("pipeline field", [("changed", len(self.fields))]),
            *_counted(
                "node",
                [
                    ("added", len(self.nodes_added)),
                    ("removed", len(self.nodes_removed)),
                    ("renamed", len(self.nodes_renamed)),
                    ("changed", len(self.nodes_changed)),
                ],
            ),
            *_counted("config key", [("changed", self.config_changes)]),
            *_counted("edge", [("added", len(self.edges_added)), ("removed", len(self.edges_removed))]),
        ]
        return ", ".join(parts) or "no changes"

    def reversed(self) -> SpecDiff:
        """The diff from the new version back to the old one."""
        old_ids = {rename.new_id: rename.old_id for rename in self.nodes_renamed}
        return _sorted_diff(
            fields=[change.reversed() for change in self.fields],
            nodes_added=self.nodes_removed,
            nodes_removed=self.nodes_added,
            nodes_renamed=[NodeRename(r.new_id, r.old_id) for r in self.nodes_renamed],
            nodes_changed=[
                NodeChange(
                    old_ids.get(node.id, node.id),
                    tuple(change.reversed() for change in node.fields),
                    tuple(change.reversed() for change in node.config),
                )
                for node in self.nodes_changed
            ],
            edges_added=[_renamed_edge(edge, old_ids) for edge in self.edges_removed],
            edges_removed=[_renamed_edge(edge, old_ids) for edge in self.edges_added],
        )

    def to_data(self) -> dict[str, Any]:
        """A JSON-friendly form, for the API and the UI."""
        return {
            "summary": self.summary(),
            "pipeline": [change.to_data() for change in self.fields],
            "nodes": {
                "added": [node.to_data() for node in self.nodes_added],
                "removed": [node.to_data() for node in self.nodes_removed],
                "renamed": [rename.to_data() for rename in self.nodes_renamed],
                "changed": [node.to_data() for node in self.nodes_changed],
            },
            "edges": {
                "added": [edge.to_data() for edge in self.edges_added],
                "removed": [edge.to_data() for edge in self.edges_removed],
            },
        }


def diff_specs(
    old: PipelineSpec,
    new: PipelineSpec,
    *,
    include_layout: bool = False,
    detect_renames: bool = True,
) -> SpecDiff:
    """What changed from ``old`` to ``new``.

    :param old: the earlier version.
    :param new: the later version.
    :param include_layout: also report moved nodes (``ui.position``); by default the
        builder's layout is ignored because it does not change what runs.
    :param detect_renames: report a removed node and an added node as one rename when
        they have the same type, config, name, description and inputs and no other
        removed or added node matches them as well.
    """
    old_nodes = {node.id: node for node in old.nodes}
    new_nodes = {node.id: node for node in new.nodes}
    renames = _find_renames(old_nodes, new_nodes) if detect_renames else {}
    to_new_id = {node_id: renames.get(node_id, node_id) for node_id in old_nodes}
    renamed_to = set(renames.values())

    changed: list[NodeChange] = []
    for old_id, new_id in to_new_id.items():
        if new_id in new_nodes:
            change = _node_change(old_nodes[old_id], new_nodes[new_id], to_new_id, include_layout)
            if change is not None:
                changed.append(change)

    old_edges = {Edge(to_new_id.get(up, up), to_new_id[node.id]) for node in old.nodes for up in node.inputs}
    new_edges = {Edge(up, node.id) for node in new.nodes for up in node.inputs}
    return _sorted_diff(
        fields=diff_values(_pipeline_fields(old), _pipeline_fields(new)),
        nodes_added=[
            NodeRef(n.id, n.type) for n in new.nodes if n.id not in old_nodes and n.id not in renamed_to
        ],
        nodes_removed=[NodeRef(n.id, n.type) for n in old.nodes if to_new_id[n.id] not in new_nodes],
        nodes_renamed=[NodeRename(old_id, new_id) for old_id, new_id in renames.items()],
        nodes_changed=changed,
        edges_added=new_edges - old_edges,
        edges_removed=old_edges - new_edges,
    )


def _renamed_edge(edge: Edge, ids: Mapping[str, str]) -> Edge:
    return Edge(ids.get(edge.source, edge.source), ids.get(edge.target, edge.target))


def _pipeline_fields(spec: PipelineSpec) -> dict[str, Any]:
    # Defaults are included so that setting a field back to its default reads as a
    # change of value (retries 2 -> 0), not as a removed key.
    return spec.model_dump(mode="json", by_alias=True, exclude={"nodes"})


def _node_change(
    old: NodeSpec, new: NodeSpec, to_new_id: Mapping[str, str], include_layout: bool
) -> NodeChange | None:
    old_data = old.model_dump(mode="json")
    new_data = new.model_dump(mode="json")
    fields = [
        change
        for key in ("type", "name", "description")
        for change in diff_values(old_data[key], new_data[key], (key,))
    ]
    old_inputs = [to_new_id.get(up, up) for up in old.inputs]
    if _inputs_reordered(old_inputs, new.inputs):
        fields.append(ValueChange(("inputs",), "changed", old=old_data["inputs"], new=new_data["inputs"]))
    if include_layout:
        old_position, new_position = _position(old), _position(new)
        if old_position != new_position:
            fields.append(ValueChange(("ui", "position"), "changed", old=old_position, new=new_position))
    config = diff_values(old_data["config"], new_data["config"])
    if not fields and not config:
        return None
    return NodeChange(new.id, tuple(fields), tuple(config))


def _inputs_reordered(old: list[str], new: list[str]) -> bool:
    # Upstream nodes added or removed are reported as edges; what edges cannot show is
    # that the inputs kept in both versions swapped places (a join's left and right) or
    # that one is read a different number of times.
    return [up for up in old if up in new] != [up for up in new if up in old]


def _position(node: NodeSpec) -> dict[str, float] | None:
    if node.ui is None or node.ui.position is None:
        return None
    return node.ui.position.model_dump(mode="json")


def _find_renames(old_nodes: Mapping[str, NodeSpec], new_nodes: Mapping[str, NodeSpec]) -> dict[str, str]:
    """Old id -> new id of nodes that only changed their id.

    Repeated until nothing more matches, so that a renamed node's downstream nodes,
    whose inputs name the old id, are matched once their input is known to be renamed.
    """
    renames: dict[str, str] = {}
    while True:
        removed = [n for n in old_nodes.values() if n.id not in new_nodes and n.id not in renames]
        added = [n for n in new_nodes.values() if n.id not in old_nodes and n.id not in renames.values()]
        removed_by_key = _group(removed, lambda n: _rename_key(n, renames))
        added_by_key = _group(added, lambda n: _rename_key(n, {}))
        found = {
            olds[0].id: added_by_key[key][0].id
            for key, olds in removed_by_key.items()
            if len(olds) == 1 and len(added_by_key.get(key, ())) == 1
        }
        if not found:
            return renames
        renames.update(found)


def _rename_key(node: NodeSpec, renames: Mapping[str, str]) -> str:
    data = node.model_dump(mode="json", include={"type", "name", "description", "config"})
    data["inputs"] = [renames.get(up, up) for up in node.inputs]
    return json.dumps(data, sort_keys=True)


def _group(nodes: Iterable[NodeSpec], key: Callable[[NodeSpec], str]) -> dict[str, list[NodeSpec]]:
    groups: dict[str, list[NodeSpec]] = {}
    for node in nodes:
        groups.setdefault(key(node), []).append(node)
    return groups


def _counted(noun: str, counts: list[tuple[str, int]]) -> list[str]:
    # The noun is written once per group: "2 nodes added, 1 removed".
    parts = []
    for verb, count in counts:
        if count:
            label = f" {noun}{'' if count == 1 else 's'}" if not parts else ""
            parts.append(f"{count}{label} {verb}")
    return parts


def _sorted_diff(
    *,
    fields: Iterable[ValueChange],
    nodes_added: Iterable[NodeRef],
    nodes_removed: Iterable[NodeRef],
    nodes_renamed: Iterable[NodeRename],
    nodes_changed: Iterable[NodeChange],
    edges_added: Iterable[Edge],
    edges_removed: Iterable[Edge],
) -> SpecDiff:
    def edge_key(edge: Edge) -> tuple[str, str]:
        return (edge.source, edge.target)

    return SpecDiff(
        fields=tuple(fields),
        nodes_added=tuple(sorted(nodes_added, key=lambda n: n.id)),
        nodes_removed=tuple(sorted(nodes_removed, key=lambda n: n.id)),
        nodes_renamed=tuple(sorted(nodes_renamed, key=lambda r: r.old_id)),
        nodes_changed=tuple(sorted(nodes_changed, key=lambda n: n.id)),
        edges_added=tuple(sorted(edges_added, key=edge_key)),
        edges_removed=tuple(sorted(edges_removed, key=edge_key)),
    )
