"""``aggregator import FILE``: split an exported spec or set of specs into one spec file per pipeline."""

from __future__ import annotations

import argparse
from pathlib import Path

from dag_factory.cli import exit_codes
from dag_factory.cli.output_files import OverwriteRefusedError, add_output_arguments, write_files
from dag_factory.cli.spec_files import read_text_or_report
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="write each pipeline of an exported document as its own spec file",
        description=(
            "Read FILE (one spec, {pipelines: [...]}, or a list of specs; YAML or JSON), validate "
            "every spec, and write each as <id>.yaml in DIR. Nothing is written when a spec is "
            "invalid or a file exists already (unless --force). Exit code: 0 written, 1 invalid "
            "or refused, 2 FILE unreadable."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="an export made by `aggregator export`, or a spec")
    add_output_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.interchange import export_specs, import_specs

    path = Path(args.file)
    text = read_text_or_report(path, terminal)
    if text is None:
        return exit_codes.USAGE
    fmt = "json" if path.suffix.lower() == ".json" else None
    try:
        specs = import_specs(text, fmt, source=str(path))
    except SpecError as error:
        terminal.warn(error.describe())
        terminal.error("nothing imported: the document has errors")
        return exit_codes.FAILED
    folder = Path(args.output_dir)
    files = {folder / f"{spec.id}.yaml": export_specs(spec, "yaml") for spec in specs}
    try:
        write_files(files, force=args.force)
    except OverwriteRefusedError as error:
        terminal.error(str(error))
        return exit_codes.FAILED
    for target in files:
        terminal.say(f"wrote {target}")
    return exit_codes.OK
