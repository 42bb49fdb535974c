"""The Airflow UI plugin of airflow-aggregator: REST API and (later) React pages."""
