"""Pure graph functions over node ids and their inputs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def find_cycle(inputs: Mapping[str, Sequence[str]]) -> list[str] | None:
    """A cycle as a list of node ids (first id repeated at the end), or ``None``.

    ``inputs`` maps each node id to its upstream ids; unknown upstream ids are ignored.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for start in inputs:
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            upstream = [u for u in inputs.get(node, ()) if u in inputs]
            if index < len(upstream):
                stack.append((node, index + 1))
                nxt = upstream[index]
                if state.get(nxt) == 1:
                    cycle = [*path[path.index(nxt) :], nxt]
                    return list(reversed(cycle))
                if not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return None


def topological_order(inputs: Mapping[str, Sequence[str]]) -> list[str]:
    """Node ids ordered so that every node comes after its inputs (stable for ties)."""
    remaining = {node: len(set(ups)) for node, ups in inputs.items()}
    downstream: dict[str, list[str]] = {node: [] for node in inputs}
    for node, ups in inputs.items():
        for up in set(ups):
            downstream[up].append(node)
    ready = [node for node in inputs if remaining[node] == 0]
    order: list[str] = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for down in downstream[node]:
            remaining[down] -= 1
            if remaining[down] == 0:
                ready.append(down)
    if len(order) != len(inputs):
        raise ValueError("the graph has a cycle")
    return order
