"""The pipeline spec's JSON Schema and the node types, for editors and the builder."""

from __future__ import annotations

from typing import Any

from airflow.api_fastapi.core_api.security import GetUserDep
from fastapi import APIRouter

router = APIRouter(tags=["schema"])


@router.get("/schema")
def get_spec_schema(user: GetUserDep) -> dict[str, Any]:
    """JSON Schema of ``aggregator/v1`` with the config schema of every node type."""
    from dag_factory.registry.catalog import default_registry
    from dag_factory.spec.json_schema import spec_json_schema

    return spec_json_schema(default_registry())


@router.get("/components")
def list_components(user: GetUserDep) -> list[dict[str, Any]]:
    """Every registered node type with its config schema and UI metadata."""
    from dag_factory.registry.catalog import default_registry

    return [component.ui_metadata() for component in default_registry()]


@router.get("/catalogue")
def get_catalogue(user: GetUserDep) -> dict[str, Any]:
    """The expression functions and the transform types as data (see ``docs/transforms.md``)."""
    from dag_factory.registry.catalog import default_registry
    from dag_factory.registry.transform_catalogue import transform_catalogue

    return transform_catalogue(default_registry())
