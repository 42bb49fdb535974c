"""Response bodies for pipelines and versions, shared by every route that returns them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from ui_plugin.api.dag_activity import UNKNOWN, DagActivity
from ui_plugin.store.records import Page, PipelineRecord, VersionRecord

T = TypeVar("T")


class PageOut(BaseModel, Generic[T]):
    """One page of a list and how many items match in all."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, page: Page[Any], items: list[T]) -> PageOut[T]:
        return cls(items=items, total=page.total, limit=page.limit, offset=page.offset)


class PipelineSummary(BaseModel):
    """A pipeline as lists show it, without its spec."""

    id: str
    name: str | None
    description: str | None
    owner: str
    tags: list[str]
    status: str = Field(description="draft, published or deleted")
    draft_hash: str
    row_version: int = Field(description="Send it back when changing the pipeline; a stale one gets 409.")
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime
    deleted_at: datetime | None

    @classmethod
    def of(cls, record: PipelineRecord) -> PipelineSummary:
        return cls(**_summary_fields(record))


class PipelineListItem(PipelineSummary):
    """A pipeline as the list shows it: its summary, the published version and its DAG in Airflow."""

    published_version: int | None = Field(
        description="Number of the version in the DAG bundle; null if it was never published."
    )
    dag: DagActivity = Field(
        description="The DAG in Airflow: paused, last run, next run (all null while Airflow has no such DAG, "
        "or you may not read it there)."
    )

    @classmethod
    def of_page_row(
        cls, record: PipelineRecord, published: Mapping[str, int], activity: Mapping[str, DagActivity]
    ) -> PipelineListItem:
        """``record`` with its published version and its DAG's activity (a pipeline's DAG id is its id)."""
        return cls(
            **_summary_fields(record),
            published_version=published.get(record.id),
            dag=activity.get(record.id, UNKNOWN),
        )


class PipelineOut(PipelineSummary):
    """A pipeline with its draft spec."""

    draft_spec: dict[str, Any]

    @classmethod
    def of(cls, record: PipelineRecord) -> PipelineOut:
        return cls(**pipeline_fields(record))


class VersionSummary(BaseModel):
    """An immutable version, without its spec."""

    pipeline_id: str
    number: int
    content_hash: str
    author: str
    message: str
    created_at: datetime

    @classmethod
    def of(cls, record: VersionRecord) -> VersionSummary:
        return cls(**_version_fields(record))


class VersionOut(VersionSummary):
    """An immutable version with its spec."""

    spec: dict[str, Any]

    @classmethod
    def of(cls, record: VersionRecord) -> VersionOut:
        return cls(**_version_fields(record), spec=record.spec)


def _summary_fields(record: PipelineRecord) -> dict[str, Any]:
    fields = {name: getattr(record, name) for name in PipelineSummary.model_fields}
    return fields | {"tags": list(record.tags)}


def pipeline_fields(record: PipelineRecord) -> dict[str, Any]:
    """The fields of :class:`PipelineOut` taken from ``record``."""
    return _summary_fields(record) | {"draft_spec": record.draft_spec}


def _version_fields(record: VersionRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in VersionSummary.model_fields}
