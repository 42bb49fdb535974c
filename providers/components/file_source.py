"""``source.file``: read CSV, JSON, JSON Lines or Parquet files as a stream of record batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, PrivateAttr, model_validator

from dag_factory.registry.component import Arity, Category, ColumnUse, ComponentType
from dag_factory.registry.config_fields import COLUMN_KEYS, DEFAULT_BATCH_ROWS, BatchRows
from providers.components.file_options import ArrowTypeName, CsvOptions, FileLocation, format_of

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.files.file_matching import FileRef
    from providers.files.file_reading import ReadPlan
    from providers.staging.manifest import StagedData

READ_FORMATS = ("csv", "json", "jsonl", "parquet")


class FileSourceConfig(FileLocation):
    """Settings of a ``source.file`` node."""

    format: Literal["csv", "json", "jsonl", "parquet"] | None = Field(
        default=None,
        description="File format; detected from the name (.csv .tsv .json .jsonl .ndjson .parquet .pq).",
    )
    compression: Literal["gzip", "zstd", "bz2", "none"] | None = Field(
        default=None, description="Compression of CSV and JSON files; detected per file from .gz, .zst, .bz2."
    )
    csv: CsvOptions = Field(default_factory=CsvOptions)
    records: str | None = Field(
        default=None,
        min_length=1,
        description="JSON only: dotted path of the array of records in the document, e.g. data.items.",
    )
    column_types: Annotated[dict[str, ArrowTypeName], COLUMN_KEYS] = Field(
        default_factory=dict, description="Types of some columns, e.g. {id: int64, day: date32}."
    )
    union_by_name: bool = Field(
        default=False, description="Combine files with different columns by name; missing columns are null."
    )
    hive_partitioning: bool = Field(
        default=False,
        description="Add the key=value folders below path (e.g. day=2026-01-01/) as string columns.",
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS
    # The columns the pipeline reads of this source, set by the task running it (not by users).
    _wanted: frozenset[str] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _options_fit_the_format(self) -> FileSourceConfig:
        fmt = format_of(self.path, self.format, READ_FORMATS, "source.file")
        if fmt == "parquet" and self.compression not in (None, "none"):
            raise ValueError("Parquet files are compressed inside; remove compression")
        if self.records and fmt not in ("json", None):
            raise ValueError(f"records applies to JSON documents, not to {fmt} files")
        return self


def read_file(run: NodeRun, config: FileSourceConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the matched files one after another; memory is bounded by ``batch_rows``."""
    from providers.files.file_matching import match_files
    from providers.files.multi_file_reader import read_files

    fmt = format_of(config.path, config.format, READ_FORMATS, "source.file")
    location = run.resolve_path(config.path, config.conn_id)
    try:
        refs = match_files(location, fmt)
    except FileNotFoundError as error:
        raise FileNotFoundError(f"node '{run.node_id}': {error}") from None
    run.log.info("%d file(s) match %s", len(refs), location)
    plan = replace(_read_plan(run, config, fmt, refs), columns=_projection(config, fmt))
    run.metrics["files_read"] = len(refs)
    reader = read_files(refs, plan, node_id=run.node_id, union_by_name=config.union_by_name, log=run.log)
    run.metrics["columns_read"] = reader.schema.names
    if plan.columns is not None:
        run.log.info("Reading only the columns the pipeline uses: %s", ", ".join(reader.schema.names))
    return reader


def wanting_only(config: FileSourceConfig, wanted: frozenset[str]) -> FileSourceConfig:
    """``config`` reading only ``wanted`` (where the format allows; columns the files lack: all)."""
    narrowed = config.model_copy()
    narrowed._wanted = wanted
    return narrowed


def _projection(config: FileSourceConfig, fmt: str) -> frozenset[str] | None:
    """The columns to read: the wanted ones and the declared types' (so a typo there is still
    reported); ``None`` for all. Parquet only, and not with options that add or reconcile columns."""
    if config._wanted is None or fmt != "parquet" or config.hive_partitioning or config.union_by_name:
        return None
    return config._wanted | set(config.column_types)


def _read_plan(run: NodeRun, config: FileSourceConfig, fmt: str, refs: list[FileRef]) -> ReadPlan:
    from providers.files.column_types import arrow_types
    from providers.files.csv_reading import csv_settings
    from providers.files.csv_sniffing import SAMPLE_BYTES, sniff_csv
    from providers.files.file_reading import FileReadError, ReadPlan
    from providers.files.file_streams import read_sample
    from providers.files.formats import is_tab_separated

    compression = None if config.compression in (None, "none") else config.compression
    plan = ReadPlan(
        fmt=fmt,  # type: ignore[arg-type]
        compression=compression,
        records=config.records,
        column_types=arrow_types(config.column_types),
        batch_rows=config.batch_rows,
        hive_partitioning=config.hive_partitioning,
    )
    if fmt != "csv":
        return plan
    sniffed = None
    if config.csv.sniff:
        try:
            sniffed = sniff_csv(
                read_sample(refs[0], plan.compression_of(refs[0]), SAMPLE_BYTES), config.csv.encoding
            )
        except ValueError as error:
            raise FileReadError(f"node '{run.node_id}': {refs[0].uri}: {error}") from None
        run.log.info("Sniffed %s: %s", refs[0].uri, sniffed.describe())
    settings = csv_settings(
        config.csv.model_dump(),
        config.csv.model_fields_set,
        sniffed=sniffed,
        tab_separated=is_tab_separated(refs[0].path),
    )
    return replace(plan, csv=settings)


COMPONENT = ComponentType(
    name="source.file",
    category=Category.SOURCE,
    title="File",
    description=(
        "Reads CSV, JSON, JSON Lines or Parquet files (one file, a folder or a glob, optionally "
        "gzip/zstd/bz2-compressed) from a local folder or object storage."
    ),
    config_model=FileSourceConfig,
    executor="providers.components.file_source:read_file",
    inputs=Arity(0, 0),
    icon="file",
    fusable=True,
    example={"path": "data/orders/*.csv", "format": "csv"},
    column_use=ColumnUse(narrowed=wanting_only),
)
