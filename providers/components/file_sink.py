"""``sink.file``: write the input to a CSV, JSON Lines or Parquet file (or partitioned folder), atomically."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, ComponentConfig
from providers.components.file_options import FileLocation, format_of
from providers.files.formats import compression_of

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.files.batch_writers import BatchWriter
    from providers.staging.manifest import StagedData

WRITE_FORMATS = ("csv", "jsonl", "parquet")
_STREAM_CODECS = ("gzip", "zstd", "bz2")
_PARQUET_CODECS = ("snappy", "zstd", "gzip", "none")


class CsvWriteOptions(ComponentConfig):
    """How a CSV file is written."""

    delimiter: str = Field(default=",", min_length=1, max_length=1, description="Field separator.")
    header: bool = Field(default=True, description="Whether to write a header line.")
    quoting: Literal["needed", "all_valid", "none"] = Field(
        default="needed",
        description="Quote values when needed, all non-null values, or none (values needing quotes fail).",
    )
    null_string: str = Field(default="", description="Text written for nulls.")


class FileSinkConfig(FileLocation):
    """Settings of a ``sink.file`` node."""

    format: Literal["csv", "jsonl", "parquet"] | None = Field(
        default=None,
        description="File format; detected from the name (.csv, .tsv, .jsonl, .ndjson, .parquet).",
    )
    compression: Literal["snappy", "zstd", "gzip", "bz2", "none"] | None = Field(
        default=None,
        description=(
            "Parquet: page codec (snappy, zstd, gzip, none; default snappy). CSV and JSON Lines: "
            "gzip, zstd, bz2 or none; default from the name (.gz, .zst, .bz2)."
        ),
    )
    csv: CsvWriteOptions = Field(default_factory=CsvWriteOptions)
    partition_by: Annotated[list[str], COLUMN_VALUES] = Field(
        default_factory=list,
        description="Write Hive-style key=value/ folders under path (then a folder), one per value.",
    )

    @field_validator("partition_by")
    @classmethod
    def _unique_columns(cls, value: list[str]) -> list[str]:
        if len(set(value)) < len(value):
            raise ValueError(f"partition_by repeats a column: {value}")
        return value

    @model_validator(mode="after")
    def _compression_fits_the_format(self) -> FileSinkConfig:
        fmt = format_of(self.path, self.format, WRITE_FORMATS, "sink.file")
        codec = self.compression
        if fmt == "parquet" and codec not in (None, *_PARQUET_CODECS):
            raise ValueError(f"Parquet compression is one of {', '.join(_PARQUET_CODECS)}, not {codec}")
        if fmt in ("csv", "jsonl") and codec == "snappy":
            raise ValueError(f"{fmt} files are compressed with gzip, zstd or bz2, not snappy")
        named = compression_of(self.path)
        if (
            fmt in ("csv", "jsonl")
            and not self.partition_by
            and codec
            and named != (None if codec == "none" else codec)
        ):
            raise ValueError(
                f"compression is {codec} but the name '{self.path}' says {named or 'uncompressed'}"
            )
        return self

    def stream_compression(self) -> str | None:
        """Compression of a CSV or JSON Lines output: explicit, or from the file name."""
        if self.compression in _STREAM_CODECS:
            return self.compression
        return None if self.compression == "none" or self.partition_by else compression_of(self.path)


def write_file(run: NodeRun, config: FileSinkConfig, inputs: Sequence[StagedData]) -> dict[str, Any]:
    """Write the input; every file appears complete or not at all."""
    reader = inputs[0].reader()
    target = run.resolve_path(config.path, config.conn_id)
    fmt = format_of(config.path, config.format, WRITE_FORMATS, "sink.file")
    if config.partition_by:
        return _write_partitioned(run, config, fmt, reader, target)
    from providers.files.atomic_output import atomic_output

    rows = 0
    with atomic_output(target) as handle:
        writer = _writer_factory(config, fmt, reader.schema)(handle)
        try:
            for batch in reader:
                writer.write(batch)
                rows += batch.num_rows
        except BaseException:
            with suppress(Exception):  # the original error is the one to report
                writer.close()
            raise
        writer.close()
    run.log.info("Wrote %d rows to %s", rows, target)
    return {
        "rows_written": rows,
        "bytes_written": target.stat().st_size,
        "files_written": 1,
        "uri": str(target),
    }


def _write_partitioned(
    run: NodeRun, config: FileSinkConfig, fmt: str, reader: pa.RecordBatchReader, folder: Any
) -> dict[str, Any]:
    from providers.files.formats import file_suffix
    from providers.files.partitioned_output import PartitionedWriter, remove_run_parts, run_token

    missing = [name for name in config.partition_by if name not in reader.schema.names]
    if missing:
        raise ValueError(
            f"node '{run.node_id}': partition_by names {', '.join(missing)}, not in the input "
            f"(columns: {', '.join(reader.schema.names)})"
        )
    data_schema = reader.schema.remove_metadata()
    for name in config.partition_by:
        data_schema = data_schema.remove(data_schema.get_field_index(name))
    if not data_schema.names:
        raise ValueError(
            f"node '{run.node_id}': partition_by takes every column; no data would be left to write"
        )
    token = run_token(run.dag_id, run.run_id, run.node_id)
    removed = remove_run_parts(folder, token)
    if removed:
        run.log.info("Removed %d file(s) an earlier attempt of this run wrote under %s", len(removed), folder)
    writer = PartitionedWriter(
        folder=folder,
        partition_by=config.partition_by,
        open_writer=_writer_factory(config, fmt, data_schema),
        suffix=file_suffix(fmt, config.stream_compression() if fmt != "parquet" else None),  # type: ignore[arg-type]
        token=token,
    )
    rows = 0
    try:
        for batch in reader:
            writer.write(batch)
            rows += batch.num_rows
        written = writer.close()
    except BaseException:
        writer.abort()
        raise
    run.log.info("Wrote %d rows to %d file(s) under %s", rows, len(written), folder)
    return {
        "rows_written": rows,
        "bytes_written": sum(file.bytes for file in written),
        "files_written": len(written),
        "uri": str(folder),
    }


def _writer_factory(config: FileSinkConfig, fmt: str, schema: pa.Schema) -> Any:
    from providers.files.batch_writers import CsvLayout, open_batch_writer
    from providers.files.formats import is_tab_separated

    layout = CsvLayout(**config.csv.model_dump())
    if is_tab_separated(config.path) and "delimiter" not in config.csv.model_fields_set:
        layout = replace(layout, delimiter="\t")
    codec = config.compression if fmt == "parquet" and config.compression else "snappy"

    def open_writer(handle: Any) -> BatchWriter:
        return open_batch_writer(
            handle,
            schema,
            fmt,  # type: ignore[arg-type]
            compression=config.stream_compression(),  # type: ignore[arg-type]
            parquet_codec=codec,  # type: ignore[arg-type]
            csv=layout,
        )

    return open_writer


COMPONENT = ComponentType(
    name="sink.file",
    category=Category.SINK,
    title="File",
    description=(
        "Writes its input to a CSV, JSON Lines or Parquet file, or to Hive-style partition folders, "
        "in a local folder or object storage; every file is written atomically."
    ),
    config_model=FileSinkConfig,
    executor="providers.components.file_sink:write_file",
    asset="providers.components.file_asset:file_asset",
    inputs=Arity(1, 1),
    has_output=False,
    icon="file-output",
)
