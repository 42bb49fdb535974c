"""Alembic migrations of the store, with their own version table ``aggregator_alembic_version``."""
