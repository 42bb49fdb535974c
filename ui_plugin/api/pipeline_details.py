"""A pipeline as single-pipeline routes return it: its draft plus its latest and published versions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ui_plugin.api.pipeline_models import PipelineOut, pipeline_fields

if TYPE_CHECKING:
    from ui_plugin.store.records import PipelineRecord
    from ui_plugin.store.store import Store


class PipelineDetail(PipelineOut):
    """A pipeline with its draft spec, the number of its newest version and of the published one."""

    latest_version: int | None = Field(description="Number of the newest version; null if it has none.")
    published_version: int | None = Field(
        description="Number of the version in the DAG bundle; null if it was never published."
    )

    @classmethod
    def of_store(cls, store: Store, record: PipelineRecord) -> PipelineDetail:
        """``record`` with its version numbers read from ``store``."""
        numbers = store.pipelines.version_numbers(record.id)
        return cls(
            **pipeline_fields(record),
            latest_version=numbers.latest,
            published_version=numbers.published,
        )
