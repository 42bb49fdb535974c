"""The pipeline spec's JSON Schema and the node types, for editors and the builder."""

from __future__ import annotations

from typing import Annotated, Any

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Depends

from ui_plugin.api.permissions import Action, Resource, requires

router = APIRouter(tags=["schema"])

PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]


@router.get("/schema")
def get_spec_schema(user: PipelineReader) -> dict[str, Any]:
    """JSON Schema of ``aggregator/v1`` with the config schema of every node type."""
    from dag_factory.registry.catalog import default_registry
    from dag_factory.spec.json_schema import spec_json_schema

    return spec_json_schema(default_registry())


@router.get("/components")
def list_components(user: PipelineReader) -> list[dict[str, Any]]:
    """Every registered node type with its config schema and UI metadata."""
    from dag_factory.registry.catalog import default_registry

    return [component.ui_metadata() for component in default_registry()]


@router.get("/catalogue")
def get_catalogue(user: PipelineReader) -> dict[str, Any]:
    """The expression functions and the transform types as data (see ``docs/transforms.md``)."""
    from dag_factory.registry.catalog import default_registry
    from dag_factory.registry.transform_catalogue import transform_catalogue

    return transform_catalogue(default_registry())
