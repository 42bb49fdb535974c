"""Import and export of pipelines as JSON or YAML, and import of dag-factory YAML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from ui_plugin.api.error_responses import ApiError, spec_error_body
from ui_plugin.api.interchange_models import (
    DagFactoryImportIn,
    DagFactoryImportOut,
    ExportIn,
    Format,
    ImportIn,
    ImportOut,
    UnconvertedDag,
)
from ui_plugin.api.permissions import Action, Resource, requires
from ui_plugin.api.pipeline_creation import create_pipelines
from ui_plugin.api.query_bounds import MAX_NUMBER
from ui_plugin.api.store_access import StoreDep
from ui_plugin.store.errors import NotFoundError

if TYPE_CHECKING:
    from dag_factory.interchange import ImportedDag
    from dag_factory.spec.models import PipelineSpec

router = APIRouter(tags=["interchange"])

PipelineReader = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.READ))]
PipelineCreator = Annotated[BaseUser, Depends(requires(Resource.PIPELINES, Action.CREATE))]

MEDIA_TYPES: dict[str, str] = {"json": "application/json", "yaml": "application/yaml"}
_DOCUMENT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The document, as a file download.",
        "content": {media_type: {"schema": {"type": "string"}} for media_type in MEDIA_TYPES.values()},
    }
}


@router.get("/pipelines/{pipeline_id}/export", response_class=Response, responses=_DOCUMENT_RESPONSE)
def export_pipeline(
    pipeline_id: str,
    user: PipelineReader,
    store: StoreDep,
    fmt: Annotated[Format, Query(alias="format")] = "yaml",
    version: Annotated[
        int | None, Query(ge=1, le=MAX_NUMBER, description="A version number; the draft when left out.")
    ] = None,
) -> Response:
    """The pipeline's draft, or one of its versions, as a spec document to download."""
    record = store.pipelines.get(pipeline_id)
    if version is None:
        return _document(_spec_of(record.draft_spec), fmt, pipeline_id)
    spec = _spec_of(store.versions.get(pipeline_id, version).spec)
    return _document(spec, fmt, f"{pipeline_id}.v{version}")


@router.post("/export", response_class=Response, responses=_DOCUMENT_RESPONSE)
def export_pipelines(body: ExportIn, user: PipelineReader, store: StoreDep) -> Response:
    """The drafts of several pipelines as one ``{pipelines: [...]}`` document to download."""
    specs = []
    for index, pipeline_id in enumerate(body.ids):
        if pipeline_id in body.ids[:index]:
            raise ApiError(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                "duplicate_id",
                f"'{pipeline_id}' is listed twice",
                field=f"ids[{index}]",
            )
        try:
            specs.append(_spec_of(store.pipelines.get(pipeline_id).draft_spec))
        except NotFoundError as error:
            raise ApiError(
                status.HTTP_404_NOT_FOUND, "not_found", error.message, field=f"ids[{index}]"
            ) from None
    return _document(specs, body.format, "pipelines")


@router.post("/import", status_code=status.HTTP_201_CREATED)
def import_pipelines(body: ImportIn, user: PipelineCreator, store: StoreDep) -> ImportOut:
    """Create the pipelines of a document; any invalid spec or taken id stores nothing."""
    from dag_factory.interchange import import_specs
    from dag_factory.spec.errors import SpecError
    from ui_plugin.api.import_errors import import_error

    try:
        specs = import_specs(body.content, body.format)
    except SpecError as error:
        raise import_error(error, body.content, is_json=body.format == "json") from None
    result = create_pipelines(
        store,
        user,
        specs,
        message="Imported",
        on_conflict=body.on_conflict,
        field_of="content",
        conflict_hint="; send on_conflict 'skip' to keep it and import the others",
    )
    return ImportOut(created=[record.id for record in result.created], skipped=result.skipped)


@router.post("/import/dag-factory")
def import_dag_factory_file(
    body: DagFactoryImportIn, user: PipelineCreator, store: StoreDep, response: Response
) -> DagFactoryImportOut:
    """Convert a dag-factory file into specs and say what did not map; ``create`` stores valid ones (201)."""
    from dag_factory.interchange import import_dag_factory
    from dag_factory.spec.errors import SpecError

    result = import_dag_factory(body.content)
    if result.issues:
        error = SpecError(result.issues, "content")
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=spec_error_body(error, "content"))
    valid = [dag.spec for dag in result if dag.spec is not None]
    created: list[str] = []
    skipped: list[str] = []
    if body.create:
        stored = create_pipelines(
            store,
            user,
            valid,
            message="Imported from dag-factory",
            on_conflict=body.on_conflict,
            field_of="content",
            conflict_hint="; send on_conflict 'skip' to keep it and create the others",
        )
        created, skipped = [record.id for record in stored.created], stored.skipped
        response.status_code = status.HTTP_201_CREATED
    return DagFactoryImportOut(
        pipelines=[spec.to_data() for spec in valid],
        invalid=[
            UnconvertedDag(
                dag_id=dag.dag_id, spec_text=dag.spec_text, errors=[issue.to_dict() for issue in dag.problems]
            )
            for dag in result
            if dag.spec is None
        ],
        report=[line for dag in result for line in _report(dag, created, skipped)],
        created=created,
        skipped=skipped,
    )


def _spec_of(data: dict[str, Any]) -> PipelineSpec:
    """A stored spec as a model; stored drafts and versions are valid specs already."""
    from dag_factory.spec.models import PipelineSpec

    return PipelineSpec.model_validate(data)


def _document(specs: PipelineSpec | list[PipelineSpec], fmt: Format, name: str) -> Response:
    from dag_factory.interchange import export_specs

    return Response(
        export_specs(specs, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def _report(dag: ImportedDag, created: list[str], skipped: list[str]) -> list[str]:
    """The lines ``aggregator import-dag-factory`` prints for the DAG, headed by what became of it."""
    outcome = "-> not created"
    if dag.dag_id in created:
        outcome = f"-> pipeline '{dag.dag_id}' created"
    elif dag.dag_id in skipped:
        outcome = f"-> not created: pipeline '{dag.dag_id}' exists"
    return dag.report_lines(outcome)
