"""``aggregator validate PATH...``: report every problem of every spec, with file:line:col."""

from __future__ import annotations

import argparse

from dag_factory.cli import exit_codes
from dag_factory.cli.spec_files import expand_spec_paths
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError, SpecIssue
from dag_factory.spec.models import PipelineSpec
from dag_factory.spec.parsing import SpecCheck, load_spec_file


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "validate",
        help="check spec files and report every error with its location",
        description="Validate pipeline specs. Folders are searched for .yaml/.yml/.json files.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="spec files or folders")
    parser.add_argument(
        "--connections",
        action="store_true",
        help="also check that every connection id exists in Airflow (env, secrets or database)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    files, missing = expand_spec_paths(args.paths)
    for path in missing:
        terminal.error(f"{path}: no such file or folder")
    if not files and not missing:
        terminal.error("no spec files (.yaml, .yml, .json) found")
        return exit_codes.FAILED
    checks: list[SpecCheck] = [connections_exist] if args.connections else []
    failed = 0
    for done, path in enumerate(files, 1):
        try:
            load_spec_file(path, checks=checks)
        except SpecError as error:
            failed += 1
            for issue in error.issues:
                terminal.say(f"{issue.format(str(path))}")
        terminal.progress(done, len(files), "validating")
    valid = len(files) - failed
    summary = f"{len(files)} spec(s): {valid} valid, {failed} with errors"
    terminal.warn(terminal.paint(summary, "green" if not failed and not missing else "red", terminal.err))
    return exit_codes.FAILED if failed or missing else exit_codes.OK


def connections_exist(spec: PipelineSpec) -> list[SpecIssue]:
    """Issues for connection ids that Airflow does not know."""
    from airflow.exceptions import AirflowNotFoundException
    from airflow.models.connection import Connection

    from dag_factory.registry.catalog import default_registry

    registry = default_registry()
    issues = []
    for index, node in enumerate(spec.nodes):
        for field in registry.get(node.type).connection_fields():
            conn_id = node.config.get(field)
            if not isinstance(conn_id, str) or "{{" in conn_id:
                continue
            try:
                Connection.get_connection_from_secrets(conn_id)
            except AirflowNotFoundException:
                issues.append(
                    SpecIssue(("nodes", index, "config", field), f"Airflow has no connection '{conn_id}'")
                )
    return issues
