"""``aggregator import-dag-factory FILE``: convert dag-factory DAGs into spec files, with a report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from dag_factory.cli import exit_codes
from dag_factory.cli.output_files import (
    OverwriteRefusedError,
    add_output_arguments,
    is_safe_file_stem,
    write_files,
)
from dag_factory.cli.spec_files import read_text_or_report
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError

if TYPE_CHECKING:
    from dag_factory.interchange import ImportedDag


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import-dag-factory",
        help="convert a dag-factory YAML file into spec files and report what did not map",
        description=(
            "Convert every DAG of a dag-factory YAML file into <dag_id>.yaml in DIR (also when "
            "the converted spec is invalid, to be fixed by hand) and report each task that "
            "mapped, everything that did not, and the problems of invalid specs. Exit code: 0 "
            "everything mapped, 1 something did not map, a spec is invalid or a file exists "
            "(nothing is written then, unless --force), 2 FILE unreadable or not a dag-factory file."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="dag-factory YAML file")
    add_output_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.interchange import import_dag_factory

    path = Path(args.file)
    text = read_text_or_report(path, terminal)
    if text is None:
        return exit_codes.USAGE
    result = import_dag_factory(text)
    if result.issues:
        terminal.warn(SpecError(result.issues, str(path)).describe())
        return exit_codes.USAGE
    folder = Path(args.output_dir)
    files = {folder / f"{dag.dag_id}.yaml": dag.spec_text for dag in result if is_safe_file_stem(dag.dag_id)}
    try:
        write_files(files, force=args.force)
    except OverwriteRefusedError as error:
        terminal.error(str(error))
        return exit_codes.FAILED
    complete = 0
    for dag in result:
        target = folder / f"{dag.dag_id}.yaml"
        written = target in files
        for line in report_lines(dag, target if written else None):
            terminal.say(line)
        complete += written and not dag.unmapped and not dag.problems
    summary = (
        f"{len(result)} DAG(s): {complete} converted completely, {len(result) - complete} need attention"
    )
    terminal.warn(terminal.paint(summary, "green" if complete == len(result) else "red", terminal.err))
    return exit_codes.OK if complete == len(result) else exit_codes.FAILED


def report_lines(dag: ImportedDag, target: Path | None) -> list[str]:
    """What happened to one DAG: where it was written, mapped tasks, unmapped items, problems."""
    return dag.report_lines(
        f"-> {target}" if target else "not written: the dag id is not usable as a file name"
    )
