"""Operators of the airflow-aggregator provider."""
