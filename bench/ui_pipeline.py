"""The 200-node pipeline the builder benchmark opens, and the same graph as a plain Airflow DAG.

Twenty source branches (file, SQL and HTTP sources, each filtered, derived, cast and
trimmed) are joined in pairs, de-duplicated, aggregated and sorted, unioned into one
stream and fanned out again to twenty filtered sinks; every aggregate also feeds a sink of
its own. No node has a position: the builder places them itself when it opens.
"""

from __future__ import annotations

from typing import Any

NODES = 200
BRANCHES = 20
FILLED_BRANCHES = 9
"""Branches with an extra ``transform.fill_nulls`` step, so the graph has exactly ``NODES`` nodes."""
PIPELINE_ID = "builder_bench_200"
BASELINE_DAG_ID = "graph_view_200_tasks"
EDITED_FIELD = "Table"
"""The config field typed into while frame times are measured (a node with a ``table``)."""

Node = dict[str, Any]


def _source(branch: int) -> Node:
    node_id = f"src_{branch:02d}"
    kind = ("source.file", "source.sql", "source.http")[branch % 3] if branch else "source.file"
    config: dict[str, Any] = {
        "source.file": {"path": f"landing/orders_{branch:02d}.csv"},
        "source.sql": {"conn_id": "shop_pg", "table": f"orders_{branch:02d}", "schema": "public"},
        "source.http": {"conn_id": "orders_api", "path": f"/v1/regions/{branch}/orders", "records": "data"},
    }[kind]
    return {"id": node_id, "type": kind, "config": config}


def _step(node_id: str, kind: str, inputs: list[str], config: dict[str, Any]) -> Node:
    return {"id": node_id, "type": kind, "inputs": inputs, "config": config}


def _branch(branch: int) -> list[Node]:
    """A source and its row-wise clean-up; the last node's id ends the branch."""
    source = _source(branch)
    tag = f"{branch:02d}"
    nodes = [
        source,
        _step(f"valid_{tag}", "transform.filter", [source["id"]], {"where": "amount > 0"}),
        _step(
            f"eur_{tag}", "transform.derive", [f"valid_{tag}"], {"columns": {"amount_eur": "amount * 0.92"}}
        ),
        _step(f"typed_{tag}", "transform.cast", [f"eur_{tag}"], {"columns": {"amount": "float64"}}),
    ]
    last = f"typed_{tag}"
    if branch < FILLED_BRANCHES:
        nodes.append(_step(f"filled_{tag}", "transform.fill_nulls", [last], {"value": 0}))
        last = f"filled_{tag}"
    nodes.append(_step(f"slim_{tag}", "transform.select", [last], {"drop": ["raw_payload"]}))
    return nodes


def _pair(pair: int, left: str, right: str) -> list[Node]:
    """Two branches joined, de-duplicated, aggregated (with a sink of its own) and sorted."""
    tag = f"{pair:02d}"
    return [
        _step(f"joined_{tag}", "transform.join", [left, right], {"on": ["customer_id"], "how": "left"}),
        _step(f"unique_{tag}", "transform.dedupe", [f"joined_{tag}"], {"keys": ["order_id"]}),
        _step(
            f"totals_{tag}",
            "transform.aggregate",
            [f"unique_{tag}"],
            {"group_by": ["customer_id"], "aggregations": {"total": "sum(amount_eur)"}},
        ),
        _step(
            f"totals_out_{tag}",
            "sink.sql",
            [f"totals_{tag}"],
            {"conn_id": "dwh_pg", "table": f"totals_{tag}", "mode": "replace"},
        ),
        _step(
            f"ranked_{tag}",
            "transform.sort",
            [f"totals_{tag}"],
            {"by": [{"column": "total", "descending": True}]},
        ),
    ]


def _fan_out(index: int, source: str) -> list[Node]:
    """A filtered slice of the union written to a file or a table."""
    tag = f"{index:02d}"
    sink: Node = (
        _step(f"out_{tag}", "sink.file", [f"slice_{tag}"], {"path": f"exports/slice_{tag}.parquet"})
        if index % 2 == 0
        else _step(f"out_{tag}", "sink.sql", [f"slice_{tag}"], {"conn_id": "dwh_pg", "table": f"slice_{tag}"})
    )
    return [_step(f"slice_{tag}", "transform.filter", [source], {"where": f"total > {index * 100}"}), sink]


def builder_spec() -> dict[str, Any]:
    """The pipeline spec (``aggregator/v1``) with exactly ``NODES`` nodes and no positions."""
    nodes: list[Node] = []
    ends: list[str] = []
    for branch in range(BRANCHES):
        steps = _branch(branch)
        nodes += steps
        ends.append(steps[-1]["id"])
    sorted_ids = []
    for pair in range(BRANCHES // 2):
        steps = _pair(pair, ends[2 * pair], ends[2 * pair + 1])
        nodes += steps
        sorted_ids.append(steps[-1]["id"])
    nodes.append(_step("all_regions", "transform.union", sorted_ids, {"by": "name"}))
    for index in range(BRANCHES):
        nodes += _fan_out(index, "all_regions")
    if len(nodes) != NODES:
        raise ValueError(f"the benchmark pipeline has {len(nodes)} nodes, not {NODES}")
    return {
        "apiVersion": "aggregator/v1",
        "id": PIPELINE_ID,
        "name": "Orders of every region (200 nodes)",
        "owner": "benchmark",
        "schedule": "@daily",
        "nodes": nodes,
    }


def editable_nodes(spec: dict[str, Any]) -> list[str]:
    """Ids of the nodes whose config has a ``table`` (the field typed into), in spec order."""
    return [node["id"] for node in spec["nodes"] if "table" in node["config"]]


def edge_count(spec: dict[str, Any]) -> int:
    """How many edges the spec's graph has: one per input of each node."""
    return sum(len(node.get("inputs", [])) for node in spec["nodes"])


def baseline_dag_file(spec: dict[str, Any]) -> str:
    """A plain Airflow DAG file with one ``EmptyOperator`` per node and the spec's dependencies."""
    lines = [
        f'"""The graph of pipeline {spec["id"]} as {len(spec["nodes"])} plain Airflow tasks."""',
        "",
        "import pendulum",
        "",
        "from airflow.providers.standard.operators.empty import EmptyOperator",
        "from airflow.sdk import DAG",
        "",
        f"with DAG({BASELINE_DAG_ID!r}, schedule=None, start_date=pendulum.datetime(2026, 1, 1)) as dag:",
        "    tasks = {",
    ]
    lines += [f"        {node['id']!r}: EmptyOperator(task_id={node['id']!r})," for node in spec["nodes"]]
    lines.append("    }")
    for node in spec["nodes"]:
        for upstream in node.get("inputs", []):
            lines.append(f"    tasks[{upstream!r}] >> tasks[{node['id']!r}]")
    return "\n".join(lines) + "\n"
