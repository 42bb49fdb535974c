"""The DAG factory: turn validated pipeline specs into Airflow DAGs."""
