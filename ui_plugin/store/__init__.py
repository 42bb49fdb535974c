"""The plugin's store: pipelines, versions, publications, templates and the audit log.

Tables live in the Airflow metadata database under the prefix ``aggregator_`` and are
created by the store's own Alembic migrations (``aggregator db migrate``).
"""
