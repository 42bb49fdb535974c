"""Which changes to a spec touch code-bearing nodes, with the real component registry."""

from __future__ import annotations

import copy

from ui_plugin.api.code_gate import changed_code_nodes, code_nodes


def spec(*nodes: dict) -> dict:
    return {"apiVersion": "aggregator/v1", "id": "p", "nodes": list(nodes)}


SOURCE = {"id": "orders", "type": "source.file", "config": {"path": "orders.csv"}}
QUERY = {
    "id": "paid",
    "type": "sql.query",
    "inputs": ["orders"],
    "config": {"conn_id": "dwh", "sql": "select * from orders where paid"},
}
SINK = {"id": "load", "type": "sink.file", "inputs": ["paid"], "config": {"path": "out.parquet"}}


def test_only_code_bearing_types_count():
    assert set(code_nodes(spec(SOURCE, QUERY, SINK))) == {"paid"}
    assert code_nodes(spec(SOURCE, SINK)) == {}


def test_adding_a_code_node_is_a_change():
    assert changed_code_nodes(spec(SOURCE, QUERY, SINK), spec(SOURCE, SINK)) == ["paid"]
    assert changed_code_nodes(spec(SOURCE, QUERY, SINK), None) == ["paid"]


def test_editing_other_nodes_keeps_code_nodes_unchanged():
    edited_sink = {**SINK, "config": {"path": "elsewhere.parquet"}}
    assert changed_code_nodes(spec(SOURCE, QUERY, edited_sink), spec(SOURCE, QUERY, SINK)) == []


def test_changing_the_sql_or_the_inputs_is_a_change():
    new_sql = copy.deepcopy(QUERY)
    new_sql["config"]["sql"] = "drop table orders"
    assert changed_code_nodes(spec(SOURCE, new_sql, SINK), spec(SOURCE, QUERY, SINK)) == ["paid"]
    rewired = {**QUERY, "inputs": ["other"]}
    assert changed_code_nodes(spec(SOURCE, rewired, SINK), spec(SOURCE, QUERY, SINK)) == ["paid"]


def test_removing_a_code_node_needs_no_code_permission():
    assert changed_code_nodes(spec(SOURCE, SINK), spec(SOURCE, QUERY, SINK)) == []


def test_malformed_nodes_are_ignored_here_and_left_to_validation():
    assert code_nodes({"nodes": ["not a node", {"id": "x", "type": 3}, {"id": "y"}]}) == {}
    assert code_nodes({"nodes": None}) == {}


def test_a_placeholder_type_of_a_template_counts_as_code():
    placeholder = {**QUERY, "type": "${kind}"}
    assert changed_code_nodes(spec(SOURCE, placeholder, SINK), None) == ["paid"]
