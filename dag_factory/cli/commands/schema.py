"""``aggregator schema``: print the JSON Schema of the pipeline spec."""

from __future__ import annotations

import argparse
from pathlib import Path

from dag_factory.cli import exit_codes
from dag_factory.cli.terminal import Terminal


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of aggregator/v1 specs",
        description="Print the JSON Schema of the spec, including every registered node type.",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.registry.catalog import default_registry
    from dag_factory.spec.json_schema import render_json_schema

    text = render_json_schema(default_registry())
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        terminal.warn(f"wrote {args.output}")
    else:
        terminal.out.write(text)
    return exit_codes.OK
