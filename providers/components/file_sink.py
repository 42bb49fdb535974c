"""``sink.file``: write the input to a CSV or Parquet file, atomically."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import ComponentConfig
from providers.components.file_options import FileLocation

if TYPE_CHECKING:
    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class CsvWriteOptions(ComponentConfig):
    """How a CSV file is written."""

    delimiter: str = Field(default=",", min_length=1, max_length=1)
    header: bool = True


class FileSinkConfig(FileLocation):
    """Settings of a ``sink.file`` node."""

    csv: CsvWriteOptions = Field(default_factory=CsvWriteOptions)
    compression: Literal["snappy", "zstd", "gzip", "none"] = Field(
        default="snappy", description="Parquet compression codec."
    )


def write_file(run: NodeRun, config: FileSinkConfig, inputs: Sequence[StagedData]) -> dict[str, Any]:
    """Stream the input into a temporary file, then rename it over the target."""
    from providers.files.atomic_output import atomic_output
    from providers.files.formats import write_batches

    target = run.resolve_path(config.path, config.conn_id)
    options = {**config.csv.model_dump(), "compression": config.compression}
    rows = 0
    with atomic_output(target) as handle:
        batches = write_batches(inputs[0].reader(), handle, fmt=config.resolved_format(), options=options)
        for written in batches:
            rows += written
    run.log.info("Wrote %d rows to %s", rows, target)
    return {"rows_written": rows, "bytes_written": target.stat().st_size, "uri": str(target)}


COMPONENT = ComponentType(
    name="sink.file",
    category=Category.SINK,
    title="File",
    description="Writes its input to a CSV or Parquet file in a local folder or object storage.",
    config_model=FileSinkConfig,
    executor="providers.components.file_sink:write_file",
    inputs=Arity(1, 1),
    has_output=False,
    icon="file-output",
)
