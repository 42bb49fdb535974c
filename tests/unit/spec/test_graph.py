import pytest

from dag_factory.spec.graph import find_cycle, topological_order


def test_acyclic_graph_has_no_cycle():
    assert find_cycle({"a": [], "b": ["a"], "c": ["a", "b"]}) is None


def test_cycle_is_reported_in_data_flow_order():
    cycle = find_cycle({"a": ["c"], "b": ["a"], "c": ["b"], "d": []})
    assert cycle is not None
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {"a", "b", "c"}
    # Each step follows the data: the next node lists the previous one as an input.
    inputs = {"a": ["c"], "b": ["a"], "c": ["b"]}
    assert all(cycle[i] in inputs[cycle[i + 1]] for i in range(len(cycle) - 1))


def test_self_loop_is_a_cycle():
    assert find_cycle({"a": ["a"]}) == ["a", "a"]


def test_unknown_inputs_are_ignored():
    assert find_cycle({"a": ["missing"]}) is None


def test_topological_order_puts_inputs_first_and_keeps_ties_stable():
    order = topological_order({"load": ["join"], "x": [], "y": [], "join": ["x", "y"]})
    assert order == ["x", "y", "join", "load"]


def test_topological_order_refuses_cycles():
    with pytest.raises(ValueError, match="cycle"):
        topological_order({"a": ["b"], "b": ["a"]})
