import itertools
import json
from typing import Any

import pytest

from dag_factory.spec.parsing import parse_spec
from dag_factory.spec.spec_diff import diff_specs
from dag_factory.spec.value_changes import diff_values

BASE = """
apiVersion: aggregator/v1
id: orders
schedule: "@daily"
tags: [sales]
params: {min_amount: 10}
nodes:
  - id: orders
    type: source.file
    config: {path: data/orders.csv, csv: {delimiter: ";"}}
    ui: {position: {x: 0, y: 0}}
  - id: paid
    type: transform.filter
    inputs: [orders]
    config: {where: "amount > 10"}
  - id: doubled
    type: transform.derive
    inputs: [paid]
    config: {columns: {amount2: "amount * 2"}}
  - id: load
    type: sink.file
    inputs: [doubled]
    config: {path: out/orders, format: parquet, partition_by: [region, day]}
"""

UNION = """
apiVersion: aggregator/v1
id: both
nodes:
  - {id: eu, type: source.file, config: {path: data/eu.csv}}
  - {id: us, type: source.file, config: {path: data/us.csv}}
  - {id: asia, type: source.file, config: {path: data/asia.csv}}
  - {id: all, type: transform.union, inputs: [eu, us, asia]}
"""


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """``text`` with each ``(old, new)`` replaced; fails loudly if ``old`` is not there."""
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def expected(**parts: Any) -> dict[str, Any]:
    """A ``to_data()`` result without its summary: empty except for the given parts."""
    data: dict[str, Any] = {
        "pipeline": parts.pop("pipeline", []),
        "nodes": {key: parts.pop(key, []) for key in ("added", "removed", "renamed", "changed")},
        "edges": {
            "added": parts.pop("edges_added", []),
            "removed": parts.pop("edges_removed", []),
        },
    }
    assert not parts, parts
    return data


ADD_AUDIT = edit(
    BASE, ("  - id: load\n", "  - id: audit\n    type: sink.file\n    inputs: [paid]\n"
                            "    config: {path: out/audit.csv}\n  - id: load\n")
)
RENAME_PAID = edit(BASE, ("id: paid", "id: paid_orders"), ("inputs: [paid]", "inputs: [paid_orders]"))
MOVE_ORDERS = edit(BASE, ("{x: 0, y: 0}", "{x: 120, y: 40}"))

# name -> (old, new, options, expected summary, expected data)
CASES: dict[str, tuple[str, str, dict[str, Any], str, dict[str, Any]]] = {
    "identical specs have no changes": (BASE, BASE, {}, "no changes", expected()),
    "schedule and a new param are pipeline fields": (
        BASE,
        edit(BASE, ('"@daily"', '"@hourly"'), ("{min_amount: 10}", "{min_amount: 10, region: eu}")),
        {},
        "2 pipeline fields changed",
        expected(pipeline=[
            {"path": "params.region", "change": "added", "new": "eu"},
            {"path": "schedule", "change": "changed", "old": "@daily", "new": "@hourly"},
        ]),
    ),
    "a default set to a non-default value is a changed field": (
        BASE,
        edit(BASE, ("params:", "defaults: {retries: 2}\nparams:")),
        {},
        "1 pipeline field changed",
        expected(pipeline=[{"path": "defaults.retries", "change": "changed", "old": 0, "new": 2}]),
    ),
    "a number that became a string is a change": (
        BASE,
        edit(BASE, ("{min_amount: 10}", '{min_amount: "10"}')),
        {},
        "1 pipeline field changed",
        expected(pipeline=[{"path": "params.min_amount", "change": "changed", "old": 10, "new": "10"}]),
    ),
    "a tag appended is a list item added": (
        BASE,
        edit(BASE, ("[sales]", "[sales, daily]")),
        {},
        "1 pipeline field changed",
        expected(pipeline=[{"path": "tags[1]", "change": "added", "new": "daily"}]),
    ),
    "an added node brings its edge": (
        BASE,
        ADD_AUDIT,
        {},
        "1 node added, 1 edge added",
        expected(added=[{"id": "audit", "type": "sink.file"}], edges_added=[{"from": "paid", "to": "audit"}]),
    ),
    "a removed node takes its edges and the rewired reader is not a node change": (
        BASE,
        edit(BASE, (
            '  - id: doubled\n    type: transform.derive\n    inputs: [paid]\n'
            '    config: {columns: {amount2: "amount * 2"}}\n', ""), ("inputs: [doubled]", "inputs: [paid]")),
        {},
        "1 node removed, 1 edge added, 2 removed",
        expected(
            removed=[{"id": "doubled", "type": "transform.derive"}],
            edges_added=[{"from": "paid", "to": "load"}],
            edges_removed=[{"from": "doubled", "to": "load"}, {"from": "paid", "to": "doubled"}],
        ),
    ),
    "nested config keys are reported at their path": (
        BASE,
        edit(BASE, ('{amount2: "amount * 2"}', '{amount2: "amount * 3", amount10: "amount * 10"}'),
             ('delimiter: ";"', 'delimiter: ","')),
        {},
        "2 nodes changed, 3 config keys changed",
        expected(changed=[
            {"id": "doubled", "fields": [], "config": [
                {"path": "columns.amount10", "change": "added", "new": "amount * 10"},
                {"path": "columns.amount2", "change": "changed", "old": "amount * 2", "new": "amount * 3"},
            ]},
            {"id": "orders", "fields": [], "config": [
                {"path": "csv.delimiter", "change": "changed", "old": ";", "new": ","},
            ]},
        ]),
    ),
    "a list item dropped from a config is removed by index": (
        BASE,
        edit(BASE, ("[region, day]", "[region]")),
        {},
        "1 node changed, 1 config key changed",
        expected(changed=[{"id": "load", "fields": [], "config": [
            {"path": "partition_by[1]", "change": "removed", "old": "day"},
        ]}]),
    ),
    "a new type reports the type and the config keys it swaps": (
        BASE,
        edit(BASE, ("type: transform.derive", "type: transform.filter"),
             ('{columns: {amount2: "amount * 2"}}', '{where: "amount > 0"}')),
        {},
        "1 node changed, 2 config keys changed",
        expected(changed=[{"id": "doubled", "fields": [
            {"path": "type", "change": "changed", "old": "transform.derive", "new": "transform.filter"},
        ], "config": [
            {"path": "columns", "change": "removed", "old": {"amount2": "amount * 2"}},
            {"path": "where", "change": "added", "new": "amount > 0"},
        ]}]),
    ),
    "name and description are node fields": (
        BASE,
        edit(BASE, ("  - id: paid\n", "  - id: paid\n    name: Paid orders\n    description: Only paid.\n")),
        {},
        "1 node changed",
        expected(changed=[{"id": "paid", "fields": [
            {"path": "name", "change": "changed", "old": None, "new": "Paid orders"},
            {"path": "description", "change": "changed", "old": None, "new": "Only paid."},
        ], "config": []}]),
    ),
    "swapped inputs are an inputs change without edge changes": (
        UNION,
        edit(UNION, ("inputs: [eu, us, asia]", "inputs: [us, eu, asia]")),
        {},
        "1 node changed",
        expected(changed=[{"id": "all", "fields": [
            {"path": "inputs", "change": "changed", "old": ["eu", "us", "asia"], "new": ["us", "eu", "asia"]},
        ], "config": []}]),
    ),
    "an input dropped is an edge, not an inputs change": (
        UNION,
        edit(UNION, ("inputs: [eu, us, asia]", "inputs: [eu, asia]")),
        {},
        "1 edge removed",
        expected(edges_removed=[{"from": "us", "to": "all"}]),
    ),
    "a moved node is ignored by default": (BASE, MOVE_ORDERS, {}, "no changes", expected()),
    "a moved node is reported with include_layout": (
        BASE,
        MOVE_ORDERS,
        {"include_layout": True},
        "1 node changed",
        expected(changed=[{"id": "orders", "fields": [{
            "path": "ui.position", "change": "changed",
            "old": {"x": 0.0, "y": 0.0}, "new": {"x": 120.0, "y": 40.0},
        }], "config": []}]),
    ),
    "a node with a new id and nothing else changed is a rename": (
        BASE,
        RENAME_PAID,
        {},
        "1 node renamed",
        expected(renamed=[{"from": "paid", "to": "paid_orders"}]),
    ),
    "renames along a chain are all found": (
        BASE,
        edit(RENAME_PAID, ("id: doubled", "id: twice"), ("inputs: [doubled]", "inputs: [twice]")),
        {},
        "2 nodes renamed",
        expected(renamed=[{"from": "doubled", "to": "twice"}, {"from": "paid", "to": "paid_orders"}]),
    ),
    "a renamed node that moved is a rename and a layout change under its new id": (
        BASE,
        edit(MOVE_ORDERS, ("id: orders\n    type", "id: raw_orders\n    type"), ("[orders]", "[raw_orders]")),
        {"include_layout": True},
        "1 node renamed, 1 changed",
        expected(
            renamed=[{"from": "orders", "to": "raw_orders"}],
            changed=[{"id": "raw_orders", "fields": [{
                "path": "ui.position", "change": "changed",
                "old": {"x": 0.0, "y": 0.0}, "new": {"x": 120.0, "y": 40.0},
            }], "config": []}],
        ),
    ),
    "without rename detection a rename is a removal and an addition": (
        BASE,
        RENAME_PAID,
        {"detect_renames": False},
        "1 node added, 1 removed, 2 edges added, 2 removed",
        expected(
            added=[{"id": "paid_orders", "type": "transform.filter"}],
            removed=[{"id": "paid", "type": "transform.filter"}],
            edges_added=[{"from": "orders", "to": "paid_orders"}, {"from": "paid_orders", "to": "doubled"}],
            edges_removed=[{"from": "orders", "to": "paid"}, {"from": "paid", "to": "doubled"}],
        ),
    ),
    "a new id with a new config is not a rename": (
        BASE,
        edit(RENAME_PAID, ("amount > 10", "amount > 20")),
        {},
        "1 node added, 1 removed, 2 edges added, 2 removed",
        expected(
            added=[{"id": "paid_orders", "type": "transform.filter"}],
            removed=[{"id": "paid", "type": "transform.filter"}],
            edges_added=[{"from": "orders", "to": "paid_orders"}, {"from": "paid_orders", "to": "doubled"}],
            edges_removed=[{"from": "orders", "to": "paid"}, {"from": "paid", "to": "doubled"}],
        ),
    ),
    "two identical candidates are not guessed as renames": (
        UNION,
        edit(UNION, ("id: eu, type: source.file, config: {path: data/eu.csv}",
                     "id: eu2, type: source.file, config: {path: data/same.csv}"),
             ("id: us, type: source.file, config: {path: data/us.csv}",
              "id: us2, type: source.file, config: {path: data/same.csv}"),
             ("inputs: [eu, us, asia]", "inputs: [eu2, us2, asia]")),
        {},
        "2 nodes added, 2 removed, 2 edges added, 2 removed",
        expected(
            added=[{"id": "eu2", "type": "source.file"}, {"id": "us2", "type": "source.file"}],
            removed=[{"id": "eu", "type": "source.file"}, {"id": "us", "type": "source.file"}],
            edges_added=[{"from": "eu2", "to": "all"}, {"from": "us2", "to": "all"}],
            edges_removed=[{"from": "eu", "to": "all"}, {"from": "us", "to": "all"}],
        ),
    ),
}


@pytest.mark.parametrize(("old", "new", "options", "summary", "data"), CASES.values(), ids=CASES.keys())
def test_diff_reports_what_changed(
    old: str, new: str, options: dict[str, Any], summary: str, data: dict[str, Any]
) -> None:
    diff = diff_specs(parse_spec(old), parse_spec(new), **options)
    result = diff.to_data()
    assert result.pop("summary") == summary
    assert result == data
    assert diff.is_empty == (summary == "no changes")
    assert json.loads(json.dumps(diff.to_data())) == diff.to_data()


VARIANTS = sorted({text for old, new, _, _, _ in CASES.values() for text in (old, new)})


@pytest.mark.parametrize("options", [{}, {"include_layout": True}, {"detect_renames": False}])
def test_diff_of_a_spec_with_itself_is_empty(options: dict[str, Any]) -> None:
    for text in VARIANTS:
        spec = parse_spec(text)
        assert diff_specs(spec, spec, **options).is_empty
        assert diff_specs(spec, parse_spec(text), **options).summary() == "no changes"


@pytest.mark.parametrize("options", [{}, {"include_layout": True}, {"detect_renames": False}])
def test_diff_in_both_directions_are_mirror_images(options: dict[str, Any]) -> None:
    specs = [parse_spec(text) for text in VARIANTS]
    for a, b in itertools.product(specs, repeat=2):
        forward, backward = diff_specs(a, b, **options), diff_specs(b, a, **options)
        assert backward == forward.reversed()
        assert forward.reversed().reversed() == forward
        assert backward.nodes_added == forward.nodes_removed
        if not forward.nodes_renamed:
            # With renames each direction names edges by the ids of its own new version.
            assert backward.edges_removed == forward.edges_added
        assert backward.is_empty == forward.is_empty
        assert [(c.location, c.old, c.new) for c in backward.fields] == [
            (c.location, c.new, c.old) for c in forward.fields
        ]


VALUE_CASES = {
    "true and 1 differ": (True, 1, [("<value>", "changed")]),
    "1 and 1.0 differ": (1, 1.0, [("<value>", "changed")]),
    "key order does not matter": ({"a": 1, "b": 2}, {"b": 2, "a": 1}, []),
    "a list that became a string is one change": (["a"], "a", [("<value>", "changed")]),
    "nested list items are indexed": ({"a": [{"b": 1}]}, {"a": [{"b": 2}, 3]}, [("a[0].b", "changed"),
                                                                                  ("a[1]", "added")]),
}


@pytest.mark.parametrize(("old", "new", "changes"), VALUE_CASES.values(), ids=VALUE_CASES.keys())
def test_value_changes_are_found_at_the_deepest_path(
    old: Any, new: Any, changes: list[tuple[str, str]]
) -> None:
    assert [(c.location, c.kind) for c in diff_values(old, new)] == changes
