"""Airflow provider of airflow-aggregator: operators, node types, staging and file I/O."""
