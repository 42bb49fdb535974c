"""``aggregator export SPEC...``: one spec, or a set of specs, as one YAML or JSON document."""

from __future__ import annotations

import argparse
from pathlib import Path

from dag_factory.cli import exit_codes
from dag_factory.cli.spec_files import spec_files_or_report
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError
from dag_factory.spec.models import PipelineSpec
from dag_factory.spec.parsing import load_spec_file


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help="write specs as one YAML or JSON document",
        description=(
            "Validate every SPEC (files, or folders searched for .yaml/.yml/.json files) and write "
            "them as one document: a single spec as the spec itself, several as "
            "{pipelines: [...]}, readable by `aggregator import`. Nothing is written when a "
            "spec is invalid or two specs share an id."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="SPEC", help="spec files or folders")
    parser.add_argument("--format", choices=("yaml", "json"), default="yaml", help="default: yaml")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.interchange import export_specs

    files, all_found = spec_files_or_report(args.paths, terminal)
    loaded: list[tuple[Path, PipelineSpec]] = []
    invalid = 0
    for path in files:
        try:
            loaded.append((path, load_spec_file(path)))
        except SpecError as error:
            invalid += 1
            terminal.warn(error.describe())
    duplicates = _duplicate_ids(loaded)
    for message in duplicates:
        terminal.error(message)
    if not all_found or invalid or duplicates:
        terminal.error("nothing exported")
        return exit_codes.FAILED
    specs = [spec for _, spec in loaded]
    text = export_specs(specs[0] if len(specs) == 1 else specs, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        terminal.warn(f"wrote {len(specs)} spec(s) to {args.output}")
    else:
        terminal.out.write(text)
    return exit_codes.OK


def _duplicate_ids(loaded: list[tuple[Path, PipelineSpec]]) -> list[str]:
    # A set is imported by pipeline id, so two specs with one id cannot both come back.
    first: dict[str, Path] = {}
    messages = []
    for path, spec in loaded:
        if spec.id in first:
            messages.append(f"{path}: pipeline id '{spec.id}' is also the id of {first[spec.id]}")
        else:
            first[spec.id] = path
    return messages
