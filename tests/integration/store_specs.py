"""Specs for the store tests."""

from __future__ import annotations

from typing import Any


def make_spec(pipeline_id: str = "orders_daily", **fields: Any) -> Any:
    """A valid spec; ``fields`` replace top-level fields (``name``, ``tags``, ``params`` ...)."""
    from dag_factory.spec.models import PipelineSpec

    data: dict[str, Any] = {
        "apiVersion": "aggregator/v1",
        "id": pipeline_id,
        "schedule": "@daily",
        "nodes": [
            {"id": "orders", "type": "source.file", "config": {"path": "orders.csv"}},
            {"id": "load", "type": "sink.file", "inputs": ["orders"], "config": {"path": "out.parquet"}},
        ],
    }
    data.update(fields)
    return PipelineSpec.model_validate(data)
