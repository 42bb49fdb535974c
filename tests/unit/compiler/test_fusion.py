"""Which nodes run inside their consumer's task: table-driven over small graphs."""

import pytest

from dag_factory.compiler.fusion import PlannedNode, fused_chain, fusion_candidates, plan_tasks

FUSABLE = {"source.file", "transform.filter", "transform.derive", "transform.join"}


def graph(*edges: str) -> list[PlannedNode]:
    """Nodes from ``"id:type<-input,input"`` strings."""
    nodes = []
    for edge in edges:
        head, _, inputs = edge.partition("<-")
        node_id, _, node_type = head.partition(":")
        nodes.append(PlannedNode(id=node_id, type=node_type, inputs=tuple(filter(None, inputs.split(",")))))
    return nodes


CASES = {
    "a chain into a sink is one task": (
        graph("src:source.file", "f:transform.filter<-src", "d:transform.derive<-f", "out:sink.sql<-d"),
        {"out": ["d", "f", "src"]},
    ),
    "a node read twice keeps its own task": (
        graph("src:source.file", "f:transform.filter<-src", "a:sink.sql<-src", "b:sink.file<-f"),
        {"src": [], "a": [], "b": ["f"]},
    ),
    "a non-fusable node stops the chain and takes the nodes above it": (
        graph("src:source.file", "py:python.callable<-src", "f:transform.filter<-py", "out:sink.file<-f"),
        {"py": ["src"], "out": ["f"]},
    ),
    "a join and each of its input chains run in its consumer's task": (
        graph(
            "a:source.file", "fa:transform.filter<-a", "b:source.file",
            "j:transform.join<-fa,b", "o:sink.file<-j",
        ),
        {"o": ["j", "fa", "b", "a"]},
    ),
    "a join read by two nodes keeps its task with its input chains": (
        graph(
            "a:source.file", "b:source.file", "j:transform.join<-a,b",
            "o:sink.file<-j", "p:sink.sql<-j",
        ),
        {"j": ["a", "b"], "o": [], "p": []},
    ),
    "a streaming node nobody reads is a task with its chain": (
        graph("src:source.file", "f:transform.filter<-src"),
        {"f": ["src"]},
    ),
    "a node reading the same input twice does not fuse it": (
        graph("src:source.file", "u:transform.union<-src,src"),
        {"src": [], "u": []},
    ),
    "a node of a type that cannot fuse keeps its task": (
        graph("src:source.http", "out:sink.sql<-src"),
        {"src": [], "out": []},
    ),
}


@pytest.mark.parametrize("nodes, expected", CASES.values(), ids=CASES.keys())
def test_plan_puts_each_streaming_chain_in_its_consumers_task(nodes, expected):
    plan = plan_tasks(nodes, FUSABLE.__contains__)
    assert {task: [node.id for node in fused] for task, fused in plan.items()} == expected


@pytest.mark.parametrize("nodes, expected", CASES.values(), ids=CASES.keys())
def test_a_task_start_settles_the_same_chain_from_its_candidates(nodes, expected):
    # At task start the DAG is built without node types: each task keeps its candidates as
    # plain data and the running operator decides with the registry. Both must agree.
    candidates = fusion_candidates(nodes)
    by_id = {node.id: node for node in nodes}
    for task, fused in expected.items():
        carried = [PlannedNode.from_data(node.to_data()) for node in candidates[task]]
        chain = fused_chain(by_id[task].inputs, carried, FUSABLE.__contains__)
        assert [node.id for node in chain] == fused


def test_planned_nodes_round_trip_as_operator_data():
    node = PlannedNode(id="f", type="transform.filter", inputs=("src",), config={"where": "a"}, name="Big")
    assert PlannedNode.from_data(node.to_data()) == node
