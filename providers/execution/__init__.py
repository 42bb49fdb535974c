"""What a node's executor receives when it runs inside an Airflow task."""
