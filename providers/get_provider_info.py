"""What the airflow-aggregator provider registers with Airflow's ProvidersManager."""

from __future__ import annotations

from typing import Any

PACKAGE_NAME = "airflow-aggregator"


def get_provider_info() -> dict[str, Any]:
    """Provider metadata read through the ``apache_airflow_provider`` entry point."""
    return {
        "package-name": PACKAGE_NAME,
        "name": "Aggregator",
        "description": (
            "Data aggregation pipelines for Airflow: node types, the pipeline operator and "
            "staging of data between tasks."
        ),
        "integrations": [
            {
                "integration-name": "Aggregator",
                "external-doc-url": "https://airflow.apache.org/",
                "tags": ["software"],
            }
        ],
        "operators": [
            {
                "integration-name": "Aggregator",
                "python-modules": ["providers.operators.pipeline_node"],
            }
        ],
        "config": {
            "aggregator": {
                "description": "Settings of airflow-aggregator pipelines.",
                "options": {
                    "staging_url": {
                        "description": (
                            "Where tasks stage data for their downstream tasks, as an "
                            "ObjectStoragePath URL (file://, s3://, gs://, ...). Empty means "
                            "a folder 'aggregator/staging' under AIRFLOW_HOME."
                        ),
                        "version_added": "0.1.0",
                        "type": "string",
                        "example": "s3://my-bucket/aggregator-staging",
                        "default": "",
                    },
                    "staging_conn_id": {
                        "description": "Airflow connection used to reach staging_url, if any.",
                        "version_added": "0.1.0",
                        "type": "string",
                        "example": "aws_default",
                        "default": "",
                    },
                },
            }
        },
    }
