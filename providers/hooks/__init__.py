"""Hooks: how the aggregator talks to systems that no installed Airflow provider covers."""
