"""The store's migrations on an empty database, SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ui_plugin.store.database import store_engine
from ui_plugin.store.migration import VERSION_TABLE, migrate, migration_status
from ui_plugin.store.models import Base

STORE_TABLES = {table.name for table in Base.metadata.sorted_tables}

pytest_plugins = ["store_fixtures"]


def test_migrate_from_empty_creates_every_table_and_its_own_version_table(store_url):
    engine = store_engine(store_url)
    assert migration_status(engine).pending == ("0001",)

    before, after = migrate(engine)

    tables = set(sa.inspect(engine).get_table_names())
    assert STORE_TABLES <= tables
    assert VERSION_TABLE in tables
    assert "alembic_version" not in tables
    assert before.current is None
    assert after.current == after.head
    assert after.up_to_date
    engine.dispose()


def test_migrating_twice_changes_nothing(store_url):
    engine = store_engine(store_url)
    migrate(engine)
    with engine.connect() as connection:
        revisions = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).all()

    before, after = migrate(engine)

    assert before.up_to_date and after.up_to_date
    with engine.connect() as connection:
        assert connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).all() == revisions
    engine.dispose()


def test_migrated_tables_match_the_models(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = store_engine(store_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, type_, _parent: (
                    type_ != "table" or name.startswith("aggregator_")
                ),
                "version_table": VERSION_TABLE,
            },
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_tables_of_other_applications_are_left_alone(store_url):
    engine = store_engine(store_url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE dag (dag_id VARCHAR(250) PRIMARY KEY)"))
        connection.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        connection.execute(sa.text("INSERT INTO alembic_version VALUES ('airflow_head')"))

    migrate(engine)

    with engine.connect() as connection:
        assert (
            connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "airflow_head"
        )
    assert {"dag", "alembic_version"} <= set(sa.inspect(engine).get_table_names())
    engine.dispose()


def test_concurrent_migrations_on_postgresql_apply_once(store_url):
    from concurrent.futures import ThreadPoolExecutor

    if not store_url.startswith("postgresql"):
        pytest.skip("SQLite is migrated by the one process that owns the file")
    engines = [store_engine(store_url) for _ in range(3)]

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(migrate, engines))

    assert sorted(before.current or "empty" for before, _ in results) == ["0001", "0001", "empty"]
    assert all(after.up_to_date for _, after in results)
    for engine in engines:
        engine.dispose()
