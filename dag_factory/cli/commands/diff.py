"""``aggregator diff OLD_SPEC NEW_SPEC``: what changed between two versions of a pipeline."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from dag_factory.cli import exit_codes
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError
from dag_factory.spec.parsing import load_spec_file

if TYPE_CHECKING:
    from dag_factory.spec.spec_diff import NodeChange, SpecDiff
    from dag_factory.spec.value_changes import ValueChange

SAME = exit_codes.OK
"""Both specs are the same pipeline."""
DIFFERENT = exit_codes.FAILED
"""The specs differ."""
TROUBLE = exit_codes.USAGE
"""A spec could not be read or is invalid, as ``diff`` reports trouble."""

_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "diff",
        help="show what changed between two versions of a pipeline spec",
        description=(
            "Compare two specs by meaning (fields, nodes, config keys, edges), not by text. "
            "Exit code: 0 same pipeline, 1 different, 2 a spec is unreadable or invalid."
        ),
    )
    parser.add_argument("old", metavar="OLD_SPEC", help="the earlier version")
    parser.add_argument("new", metavar="NEW_SPEC", help="the later version")
    parser.add_argument("--json", action="store_true", help="print the diff as JSON")
    parser.add_argument("--layout", action="store_true", help="also report nodes moved in the builder")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.spec.spec_diff import diff_specs

    try:
        old = load_spec_file(args.old)
        new = load_spec_file(args.new)
    except SpecError as error:
        terminal.warn(error.describe())
        return TROUBLE
    diff = diff_specs(old, new, include_layout=args.layout)
    if args.json:
        terminal.say(json.dumps(diff.to_data(), indent=2, ensure_ascii=False))
    else:
        for line in diff_lines(diff):
            terminal.say(line)
    return SAME if diff.is_empty else DIFFERENT


def diff_lines(diff: SpecDiff) -> list[str]:
    """The diff as text: the summary line, then one section per kind of change."""
    lines = [diff.summary()]
    sections: list[tuple[str, list[str]]] = [
        ("pipeline", [_change(change) for change in diff.fields]),
        ("nodes added", [f"+ {node.id} ({node.type})" for node in diff.nodes_added]),
        ("nodes removed", [f"- {node.id} ({node.type})" for node in diff.nodes_removed]),
        ("nodes renamed", [f"{r.old_id} -> {r.new_id}" for r in diff.nodes_renamed]),
        ("nodes changed", [line for node in diff.nodes_changed for line in _node_lines(node)]),
        ("edges added", [f"+ {edge.source} -> {edge.target}" for edge in diff.edges_added]),
        ("edges removed", [f"- {edge.source} -> {edge.target}" for edge in diff.edges_removed]),
    ]
    for title, entries in sections:
        if entries:
            lines.append(f"{title}:")
            lines += [f"  {entry}" for entry in entries]
    return lines


def _node_lines(node: NodeChange) -> list[str]:
    changes = [_change(change) for change in node.fields]
    changes += [_change(change, prefix="config.") for change in node.config]
    return [f"{node.id}:", *(f"  {change}" for change in changes)]


def _change(change: ValueChange, prefix: str = "") -> str:
    where = f"{prefix}{change.location}"
    mark = _MARKS[change.kind]
    if change.kind == "added":
        return f"{mark} {where}: {_value(change.new)}"
    if change.kind == "removed":
        return f"{mark} {where}: {_value(change.old)}"
    return f"{mark} {where}: {_value(change.old)} -> {_value(change.new)}"


def _value(value: Any) -> str:
    # JSON spelling keeps true/1/"1" apart, as the diff itself does.
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
