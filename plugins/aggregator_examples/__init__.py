"""Functions used by the example pipelines in dags/pipelines/examples."""
