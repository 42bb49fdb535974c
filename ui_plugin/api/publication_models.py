"""Request and response bodies of publishing and of triggering runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ui_plugin.api.parse_status import ParseStatus
from ui_plugin.api.query_bounds import MAX_NUMBER
from ui_plugin.store.records import PublicationRecord

FOLDER_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$"


class PublishIn(BaseModel):
    """What to publish: a committed version (default: the latest) into a folder of specs."""

    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(
        default=None,
        ge=1,
        le=MAX_NUMBER,
        description="Version number; default the latest, which must match the draft.",
    )
    folder: str | None = Field(
        default=None,
        max_length=200,
        pattern=FOLDER_PATTERN,
        description="Folder under <bundle>/pipelines/; default [aggregator] publish_folder.",
    )


class PublishOut(BaseModel):
    """A version written to the DAG bundle."""

    pipeline_id: str
    version: int
    content_hash: str
    dag_id: str
    path: str = Field(description="The spec file, relative to the DAG bundle.")
    published_at: datetime


class PublicationEntry(BaseModel):
    """One publishing, as the history lists it."""

    version: int
    content_hash: str
    published_by: str
    published_at: datetime

    @classmethod
    def of(cls, record: PublicationRecord) -> PublicationEntry:
        return cls(
            version=record.version_number,
            content_hash=record.content_hash,
            published_by=record.published_by,
            published_at=record.published_at,
        )


class PublicationOut(BaseModel):
    """The version in force in the bundle, what Airflow made of it, and earlier publishings."""

    pipeline_id: str
    published: bool
    version: int | None
    content_hash: str | None
    published_by: str | None
    published_at: datetime | None
    dag_id: str
    parse: ParseStatus
    dag_url: str = Field(description="The DAG's page in Airflow's UI, relative to Airflow's base URL.")
    history: list[PublicationEntry] = Field(description="Publishings, newest first.")


class TriggerIn(BaseModel):
    """A manual run of the pipeline's DAG."""

    model_config = ConfigDict(extra="forbid")

    conf: dict[str, Any] | None = Field(default=None, description="Run configuration (the DAG's params).")
    logical_date: AwareDatetime | None = Field(default=None, description="With a time zone; default none.")
    note: str | None = Field(default=None, max_length=1000)
