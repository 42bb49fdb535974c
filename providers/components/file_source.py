"""``source.file``: read a CSV or Parquet file as a stream of record batches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from providers.components.file_options import CsvOptions, FileLocation

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class FileSourceConfig(FileLocation):
    """Settings of a ``source.file`` node."""

    csv: CsvOptions = Field(default_factory=CsvOptions)
    batch_rows: int = Field(default=65_536, ge=1, le=10_000_000, description="Rows per batch.")


def read_file(run: NodeRun, config: FileSourceConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Open the file and stream it; memory is bounded by ``batch_rows``."""
    import pyarrow as pa

    from providers.files.formats import compression_of, read_csv_batches, read_parquet_batches

    location = run.resolve_path(config.path, config.conn_id)
    if not location.exists():
        raise FileNotFoundError(f"node '{run.node_id}': no file at {location}")
    run.log.info("Reading %s", location)
    handle = location.open("rb")
    fmt = config.resolved_format()
    if fmt == "parquet":
        return read_parquet_batches(handle, batch_rows=config.batch_rows)
    codec = compression_of(config.path)
    if codec:
        handle = pa.CompressedInputStream(handle, codec)
    return read_csv_batches(handle, options=config.csv.model_dump(), batch_rows=config.batch_rows)


COMPONENT = ComponentType(
    name="source.file",
    category=Category.SOURCE,
    title="File",
    description="Reads a CSV or Parquet file from a local folder or object storage.",
    config_model=FileSourceConfig,
    executor="providers.components.file_source:read_file",
    inputs=Arity(0, 0),
    icon="file",
)
