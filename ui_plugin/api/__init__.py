"""The aggregator REST API, mounted in Airflow's API server."""
