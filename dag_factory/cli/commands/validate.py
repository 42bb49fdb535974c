"""``aggregator validate PATH...``: report every problem of every spec, with file:line:col."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dag_factory.cli import exit_codes
from dag_factory.cli.spec_files import spec_files_or_report
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError, SpecIssue
from dag_factory.spec.models import PipelineSpec
from dag_factory.spec.parsing import SpecCheck, load_spec_file

if TYPE_CHECKING:
    from providers.hooks.connection_check import ConnectionCheck


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
        help=(
            "also check that every connection id exists in Airflow (env, secrets or database) and, "
            "for postgres, sqlite, mysql, http and aggregator_rest connections, that it connects"
        ),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    files, all_found = spec_files_or_report(args.paths, terminal)
    if not files:
        return exit_codes.FAILED
    checks: list[SpecCheck] = [ConnectionsWork()] if args.connections else []
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
    terminal.warn(terminal.paint(summary, "green" if not failed and all_found else "red", terminal.err))
    return exit_codes.FAILED if failed or not all_found else exit_codes.OK


class ConnectionsWork:
    """Issues for connection ids that Airflow does not know or that fail their test.

    Each connection is tested once, however many specs and nodes use it.
    """

    def __init__(self) -> None:
        self.checked: dict[str, ConnectionCheck] = {}

    def __call__(self, spec: PipelineSpec) -> list[SpecIssue]:
        from dag_factory.registry.catalog import default_registry
        from dag_factory.registry.connection_refs import connection_refs

        issues = []
        for ref in connection_refs(spec, default_registry()):
            if "{{" in ref.conn_id:
                continue
            problem = self.problem(ref.conn_id)
            if problem:
                issues.append(SpecIssue(("nodes", ref.node_index, "config", ref.field), problem))
        return issues

    def problem(self, conn_id: str) -> str | None:
        """Why ``conn_id`` is unusable, or None (it works, or no test exists for its type)."""
        from providers.hooks.connection_check import check_connection
        from providers.hooks.connection_errors import FailureReason

        check = self.checked.get(conn_id) or check_connection(conn_id)
        self.checked[conn_id] = check
        if check.ok or check.failure is FailureReason.NOT_TESTABLE:
            return None
        if check.failure is FailureReason.NOT_FOUND:
            return check.reason
        return f"connection '{conn_id}' does not work: {check.reason}"
