"""Whether Airflow has parsed the published version of a pipeline, read from Airflow's database.

Publishing writes a file; Airflow's dag-processor picks it up on its next pass. The DAG it
builds carries the spec's content hash in its ``doc_md`` (``compile_pipeline``), so the
serialized DAG tells which version Airflow runs. Broken specs are reported by the folder's
loader as one import error naming each spec file (``dag_factory.bundle.loader``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from dag_factory.bundle.publish import LOADER_NAME

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui_plugin.store.records import PublicationRecord


class ParseState(StrEnum):
    """Where the published version stands in Airflow."""

    NOT_PUBLISHED = "not_published"
    PENDING = "pending"
    PARSED = "parsed"
    ERROR = "error"
    STALE = "stale"


class ParseStatus(BaseModel):
    """What Airflow made of the published spec."""

    state: ParseState = Field(
        description=(
            "not_published; pending (Airflow has not parsed the published version yet); parsed (the "
            "DAG carries the published version); error (the loader reports this spec as broken); "
            "stale (Airflow parsed after publishing but no longer has this DAG, or builds other content)"
        )
    )
    message: str | None = None
    last_parsed_time: datetime | None = Field(default=None, description="When Airflow last parsed the DAG.")
    parsed_content_hash: str | None = Field(
        default=None, description="The spec content hash of the DAG Airflow last serialized."
    )
    is_paused: bool | None = Field(
        default=None,
        description=(
            "Whether the DAG is paused in Airflow (new DAGs start paused unless [core] "
            "dags_are_paused_at_creation is False): a paused DAG's runs wait until it is unpaused. "
            "Null while Airflow does not know the DAG."
        ),
    )


def serialized_content_hash(data: dict[str, Any] | None) -> str | None:
    """The spec content hash a serialized DAG carries in its ``doc_md``, if it was built from a spec."""
    from dag_factory.compiler.compile import spec_version_of

    return spec_version_of(((data or {}).get("dag") or {}).get("doc_md"))


def latest_serialized(session: Session, dag_id: str) -> tuple[str | None, datetime | None]:
    """The content hash of the latest serialized version of ``dag_id`` and when it was written."""
    from airflow.models.serialized_dag import SerializedDagModel

    latest = SerializedDagModel.get(dag_id, session=session)
    if latest is None:
        return None, None
    return serialized_content_hash(latest.data), latest.last_updated


def spec_import_error(session: Session, pipeline_id: str) -> str | None:
    """The lines of a loader's import error about the spec file of ``pipeline_id``, or None."""
    from airflow.models.errors import ParseImportError
    from sqlalchemy import select

    # The loader lists each broken spec as "  <file>:<line>:<col>: <path>: <reason>".
    pattern = re.compile(rf"^\s*{re.escape(pipeline_id)}\.(json|ya?ml)[:\s]")
    rows = session.scalars(select(ParseImportError).where(ParseImportError.filename.like(f"%{LOADER_NAME}")))
    for row in rows:
        lines = [line.strip() for line in (row.stacktrace or "").splitlines() if pattern.search(line)]
        if lines:
            return f"{row.filename}: " + "; ".join(lines)
    return None


def parse_status(dag_id: str, publication: PublicationRecord | None) -> ParseStatus:
    """The parse state of the publication in force of the pipeline whose DAG is ``dag_id``."""
    if publication is None:
        return ParseStatus(state=ParseState.NOT_PUBLISHED)
    from airflow.models.dag import DagModel
    from airflow.utils.session import create_session

    with create_session() as session:
        dag = session.get(DagModel, dag_id)
        parsed_hash, written_at = latest_serialized(session, dag_id)
        error = spec_import_error(session, dag_id)
        last_parsed = dag.last_parsed_time if dag is not None else None
        dag_is_stale = dag is not None and dag.is_stale
        is_paused = bool(dag.is_paused) if dag is not None else None
    found = {"last_parsed_time": last_parsed, "parsed_content_hash": parsed_hash, "is_paused": is_paused}
    if error:
        return ParseStatus(state=ParseState.ERROR, message=error, **found)
    if parsed_hash == publication.content_hash and not dag_is_stale:
        return ParseStatus(state=ParseState.PARSED, **found)
    if not _parsed_since(last_parsed, publication.published_at, written_at):
        return ParseStatus(
            state=ParseState.PENDING,
            message="Airflow has not parsed the published version yet; its dag-processor picks it up soon.",
            **found,
        )
    if dag_is_stale:
        message = "Airflow parsed its bundle after publishing and no longer finds this DAG in it."
    else:
        message = (
            f"Airflow parsed the DAG after publishing but builds content {parsed_hash}, not the published "
            f"{publication.content_hash}: the spec file was changed in the bundle, or "
            "[aggregator] publish_bundle_path is not a folder Airflow reads."
        )
    return ParseStatus(state=ParseState.STALE, message=message, **found)


def _parsed_since(last_parsed: datetime | None, published_at: datetime, written_at: datetime | None) -> bool:
    """Whether Airflow parsed the DAG after publishing and would have stored a change it saw.

    Airflow stores a changed DAG at most once per ``[core] min_serialized_dag_update_interval``
    after its last write; a parse inside that window leaves the previous version in place.
    """
    from airflow.configuration import conf

    if last_parsed is None or last_parsed <= published_at:
        return False
    if written_at is None or written_at >= published_at:
        return True
    interval = timedelta(seconds=conf.getint("core", "min_serialized_dag_update_interval", fallback=30))
    return last_parsed > written_at + interval
