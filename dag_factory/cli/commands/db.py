"""``aggregator db``: create or upgrade the plugin's store tables in the Airflow database."""

from __future__ import annotations

import argparse
from typing import Any

from dag_factory.cli import exit_codes
from dag_factory.cli.terminal import Terminal


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "db",
        help="migrate the aggregator store (pipelines, versions, templates) in the Airflow database",
        description=(
            "Manage the aggregator store's tables (prefix aggregator_) and their own Alembic "
            "version table, aggregator_alembic_version. The database is Airflow's "
            "[database] sql_alchemy_conn unless --url is given."
        ),
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    migrate = actions.add_parser("migrate", help="apply every pending migration (a no-op when up to date)")
    status = actions.add_parser("status", help="show the applied and pending migrations; exit 1 if any pend")
    for action, handler in ((migrate, run_migrate), (status, run_status)):
        action.add_argument("--url", metavar="URL", help="SQLAlchemy URL of the database to use")
        action.set_defaults(handler=handler)
    parser.set_defaults(handler=lambda _args, terminal: _usage(parser, terminal))


def run_migrate(args: argparse.Namespace, terminal: Terminal) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from ui_plugin.store.database import safe_url
    from ui_plugin.store.migration import migrate

    engine = _engine_or_report(args.url, terminal)
    if engine is None:
        return exit_codes.USAGE
    try:
        before, after = migrate(engine)
    except SQLAlchemyError as error:
        terminal.error(f"could not migrate the store at {safe_url(engine)}: {error}")
        return exit_codes.FAILED
    finally:
        engine.dispose()
    if before.up_to_date:
        terminal.say(f"store at {safe_url(engine)} is up to date (revision {after.current})")
    else:
        applied = ", ".join(before.pending)
        terminal.say(
            f"store at {safe_url(engine)} migrated from {before.current or 'empty'} to {after.current}"
        )
        terminal.say(f"  applied: {applied}")
    return exit_codes.OK


def run_status(args: argparse.Namespace, terminal: Terminal) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from ui_plugin.store.database import safe_url
    from ui_plugin.store.migration import migration_status

    engine = _engine_or_report(args.url, terminal)
    if engine is None:
        return exit_codes.USAGE
    try:
        status = migration_status(engine)
    except SQLAlchemyError as error:
        terminal.error(f"could not read the store at {safe_url(engine)}: {error}")
        return exit_codes.FAILED
    finally:
        engine.dispose()
    terminal.say(f"database: {safe_url(engine)}")
    terminal.say(f"current:  {status.current or 'none (empty)'}")
    terminal.say(f"head:     {status.head}")
    if status.up_to_date:
        terminal.say("up to date")
        return exit_codes.OK
    terminal.say(f"pending:  {', '.join(status.pending)} (run `aggregator db migrate`)")
    return exit_codes.FAILED


def _engine_or_report(url: str | None, terminal: Terminal) -> Any:
    """The store's engine (Airflow's database, or ``url``), or None after saying why not."""
    from sqlalchemy.exc import SQLAlchemyError

    from ui_plugin.store.database import store_engine

    try:
        return store_engine(url)
    except (SQLAlchemyError, ValueError) as error:
        terminal.error(f"--url: not a database URL SQLAlchemy can use: {error}")
        return None


def _usage(parser: argparse.ArgumentParser, terminal: Terminal) -> int:
    parser.print_help(terminal.err)
    return exit_codes.USAGE
