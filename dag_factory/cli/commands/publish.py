"""``aggregator publish SPEC --bundle DIR``: validate, then write the spec into a DAG bundle."""

from __future__ import annotations

import argparse
from pathlib import Path

from dag_factory.cli import exit_codes
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError
from dag_factory.spec.parsing import load_spec_file


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "publish",
        help="validate a spec and write it into a DAG bundle",
        description=(
            "Validate SPEC and write it to <bundle>/pipelines/<folder>/<id>.json atomically, "
            "with the folder's loader. Nothing is written when the spec is invalid."
        ),
    )
    parser.add_argument("spec", metavar="SPEC", help="spec file")
    parser.add_argument("--bundle", required=True, metavar="DIR", help="root of the DAG bundle (dags folder)")
    parser.add_argument("--folder", default="main", help="folder under <bundle>/pipelines (default: main)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.bundle.publish import publish_spec

    bundle = Path(args.bundle)
    if not bundle.is_dir():
        terminal.error(f"bundle folder {bundle} does not exist")
        return exit_codes.FAILED
    try:
        spec = load_spec_file(args.spec)
    except SpecError as error:
        terminal.say(error.describe())
        terminal.error("not published: the spec has errors")
        return exit_codes.FAILED
    try:
        target = publish_spec(spec, bundle, args.folder)
    except ValueError as error:
        terminal.error(str(error))
        return exit_codes.FAILED
    terminal.say(f"published {spec.id} (version {spec.content_hash[:12]}) to {target}")
    return exit_codes.OK
