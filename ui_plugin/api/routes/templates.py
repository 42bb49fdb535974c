"""Templates: list, read, create (also from a pipeline), instantiate with parameters, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Depends, Query, Response, status

from ui_plugin.api.body_issues import body_issues_error
from ui_plugin.api.code_gate import require_code_permission
from ui_plugin.api.error_responses import ApiError
from ui_plugin.api.permissions import Action, Resource, requires
from ui_plugin.api.pipeline_creation import create_pipelines, require_pipeline_create
from ui_plugin.api.pipeline_models import PageOut, PipelineOut
from ui_plugin.api.spec_input import validated_spec
from ui_plugin.api.store_access import StoreDep
from ui_plugin.api.template_catalog import catalog_page, find_template, is_builtin
from ui_plugin.api.template_defaults_check import check_instantiates_with_defaults
from ui_plugin.api.template_models import (
    InstantiateIn,
    InstantiateOut,
    TemplateFromPipelineIn,
    TemplateIn,
    TemplateOut,
    TemplateSummary,
)
from ui_plugin.api.users import actor_name
from ui_plugin.store.listing import MAX_LIMIT

if TYPE_CHECKING:
    from dag_factory.templates import PipelineTemplate
    from ui_plugin.store.store import Store

router = APIRouter(tags=["templates"])

TemplateReader = Annotated[BaseUser, Depends(requires(Resource.TEMPLATES, Action.READ))]
TemplateCreator = Annotated[BaseUser, Depends(requires(Resource.TEMPLATES, Action.CREATE))]
TemplateDeleter = Annotated[BaseUser, Depends(requires(Resource.TEMPLATES, Action.DELETE))]


@router.get("/templates")
def list_templates(
    user: TemplateReader,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> PageOut[TemplateSummary]:
    """The built-in templates (``builtin: true``), then the stored ones by id."""
    page = catalog_page(store, limit=limit, offset=offset)
    items = [TemplateSummary.of(entry.template, entry.record) for entry in page.entries]
    return PageOut[TemplateSummary](items=items, total=page.total, limit=limit, offset=offset)


@router.get("/templates/{template_id}")
def get_template(template_id: str, user: TemplateReader, store: StoreDep) -> TemplateOut:
    """One template with its spec, placeholders included."""
    entry = find_template(store, template_id)
    return TemplateOut.of(entry.template, entry.record)


@router.post("/templates", status_code=status.HTTP_201_CREATED)
def create_template(body: TemplateIn, user: TemplateCreator, store: StoreDep) -> TemplateOut:
    """Save a template; it must give a valid spec when filled in with its defaults."""
    from dag_factory.templates import TemplateError, parse_template

    try:
        template = parse_template(body.model_dump(), source="template")
    except TemplateError as error:
        raise body_issues_error("invalid_template", error) from None
    _refuse_builtin_id(template.id, "id")
    check_instantiates_with_defaults(template)
    return _stored(store, user, template)


@router.post("/pipelines/{pipeline_id}/template", status_code=status.HTTP_201_CREATED)
def create_template_from_pipeline(
    pipeline_id: str, body: TemplateFromPipelineIn, user: TemplateCreator, store: StoreDep
) -> TemplateOut:
    """Save a template of a pipeline's draft whose values at the given paths become parameters."""
    from dag_factory.templates import TemplateError, template_from_pipeline

    spec = validated_spec(store.pipelines.get(pipeline_id).draft_spec)
    _refuse_builtin_id(body.template_id, "template_id")
    try:
        template = template_from_pipeline(
            spec,
            body.parameters,
            template_id=body.template_id,
            title=body.title,
            description=body.description,
            tags=(),
        )
    except TemplateError as error:
        raise body_issues_error("invalid_template", error) from None
    return _stored(store, user, template)


@router.post("/templates/{template_id}/instantiate")
def instantiate_template(
    template_id: str, body: InstantiateIn, user: TemplateReader, store: StoreDep, response: Response
) -> InstantiateOut:
    """The spec the template gives with these values; with ``create`` it is stored as a pipeline (201)."""
    from dag_factory.templates import TemplateValuesError, instantiate

    if body.create:
        require_pipeline_create(user)
        if body.pipeline_id is None:
            raise ApiError(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                "missing_pipeline_id",
                "give the id of the pipeline to create",
                field="pipeline_id",
            )
    template = find_template(store, template_id).template
    try:
        spec = instantiate(template, body.parameters, pipeline_id=body.pipeline_id or template_id)
    except TemplateValuesError as error:
        raise body_issues_error("invalid_parameters", error) from None
    if not body.create:
        return InstantiateOut(spec=spec.to_data())
    created = create_pipelines(
        store,
        user,
        [spec],
        message=f"Created from template '{template_id}'",
        field_of="pipeline_id",
        conflict_hint="; choose another pipeline_id",
    )
    response.status_code = status.HTTP_201_CREATED
    return InstantiateOut(spec=spec.to_data(), pipeline=PipelineOut.of(created.created[0]))


@router.delete("/templates/{template_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_template(template_id: str, user: TemplateDeleter, store: StoreDep) -> Response:
    """Remove a stored template; pipelines made from it stay. Built-ins cannot be deleted (409)."""
    if is_builtin(template_id):
        raise ApiError(
            status.HTTP_409_CONFLICT,
            "builtin_template",
            f"'{template_id}' is a built-in template, which cannot be deleted",
            field="template_id",
        )
    store.templates.delete(template_id, actor=actor_name(user))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _refuse_builtin_id(template_id: str, field: str) -> None:
    if is_builtin(template_id):
        raise ApiError(
            status.HTTP_409_CONFLICT,
            "already_exists",
            f"'{template_id}' is the id of a built-in template; choose another",
            field=field,
        )


def _stored(store: Store, user: BaseUser, template: PipelineTemplate) -> TemplateOut:
    require_code_permission(user, template.spec)
    data = template.to_data()
    record = store.templates.create(
        template.id,
        title=template.title,
        description=template.description,
        parameters=data.get("parameters", {}),
        spec=template.spec,
        actor=actor_name(user),
    )
    return TemplateOut.of(template, record)
