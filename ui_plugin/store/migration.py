"""Run the store's Alembic migrations and report where a database stands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "aggregator_alembic_version"
"""The store's own Alembic version table, apart from Airflow's ``alembic_version``."""
ADVISORY_LOCK_KEY = 0x616767726567  # "aggreg": distinct from the key Airflow's migrations lock


@dataclass(frozen=True)
class MigrationStatus:
    """The revision a database is at, the newest one shipped, and those still to apply."""

    current: str | None
    head: str
    pending: tuple[str, ...]

    @property
    def up_to_date(self) -> bool:
        """True when every shipped migration has been applied."""
        return not self.pending


def migrate(engine: Engine) -> tuple[MigrationStatus, MigrationStatus]:
    """Upgrade the store to the newest revision; the status before and after."""
    from alembic import command

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two deployments migrating at once (the demo and an API server) would both
            # create the tables; the second waits here, then finds nothing to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        before = _status(connection)
        if before.pending:
            command.upgrade(_config(connection), "head")
        after = _status(connection)
    return before, after


def migration_status(engine: Engine) -> MigrationStatus:
    """Where the database stands, without changing it."""
    with engine.connect() as connection:
        return _status(connection)


def _config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _status(connection: Connection) -> MigrationStatus:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_config(connection))
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    current = context.get_current_revision()
    head = scripts.get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS}")
    pending = [script.revision for script in scripts.iterate_revisions(head, current)]
    return MigrationStatus(current=current, head=head, pending=tuple(reversed(pending)))
