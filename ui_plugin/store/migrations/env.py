"""Alembic environment of the store, configured by :mod:`ui_plugin.store.migration` in code.

No ``alembic.ini`` is needed: the caller passes an open connection in
``config.attributes["connection"]``, so migrations run inside the caller's transaction.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from ui_plugin.store.database import store_engine
from ui_plugin.store.migration import VERSION_TABLE
from ui_plugin.store.models import Base


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Run by the ``alembic`` command itself: use ``sqlalchemy.url`` or Airflow's database.
    engine = store_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as own_connection:
        _run(own_connection)
        own_connection.commit()
    engine.dispose()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        # Airflow's own tables share the database: never compare or touch them.
        include_name=lambda name, type_, _parent: type_ != "table" or name.startswith("aggregator_"),
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
