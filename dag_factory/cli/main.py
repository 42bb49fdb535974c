"""``aggregator``: validate, render, publish and run pipeline specs; start a demo Airflow."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dag_factory.cli import exit_codes
from dag_factory.cli.commands import (
    db,
    demo,
    diff,
    export,
    import_dag_factory,
    import_specs,
    publish,
    render,
    run,
    schema,
    template,
    validate,
)
from dag_factory.cli.terminal import Terminal

COMMANDS = (
    validate,
    render,
    publish,
    run,
    schema,
    demo,
    diff,
    template,
    export,
    import_specs,
    import_dag_factory,
    db,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="aggregator",
        description="Pipelines as specs, compiled into Airflow DAGs.",
        epilog="Exit codes: 0 success, 1 invalid spec or failed run, 2 wrong usage.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    terminal = Terminal()
    if not hasattr(args, "handler"):
        parser.print_help(sys.stderr)
        return exit_codes.USAGE
    return args.handler(args, terminal)


if __name__ == "__main__":
    sys.exit(main())
