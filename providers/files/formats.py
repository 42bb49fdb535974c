"""File formats: detect them from a name, read them as batches, write batches to them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pyarrow as pa

FileFormat = Literal["csv", "parquet"]

_SUFFIXES: dict[str, FileFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd"}


def detect_format(location: str) -> FileFormat | None:
    """The format implied by a file name (``orders.csv.gz`` is CSV), or ``None``."""
    name = location.rsplit("/", 1)[-1].lower()
    for suffix in _COMPRESSION:
        name = name.removesuffix(suffix)
    for suffix, fmt in _SUFFIXES.items():
        if name.endswith(suffix):
            return fmt
    return None


def compression_of(location: str) -> str | None:
    """Compression implied by a file name, for pyarrow's compressed streams."""
    for suffix, codec in _COMPRESSION.items():
        if location.lower().endswith(suffix):
            return codec
    return None


def read_csv_batches(handle: Any, *, options: dict[str, Any], batch_rows: int) -> pa.RecordBatchReader:
    """Stream a CSV file; ``options`` holds delimiter, quote_char, header, names, nulls, encoding."""
    import pyarrow.csv as pcsv

    read = pcsv.ReadOptions(
        block_size=max(1 << 20, batch_rows * 128),
        encoding=options.get("encoding", "utf8"),
        column_names=options.get("column_names"),
        autogenerate_column_names=not options.get("header", True) and not options.get("column_names"),
        skip_rows=0,
    )
    if options.get("column_names") and options.get("header", True):
        read.skip_rows = 1
    parse = pcsv.ParseOptions(
        delimiter=options.get("delimiter", ","), quote_char=options.get("quote_char", '"')
    )
    convert = pcsv.ConvertOptions(
        null_values=options.get("null_values") or ["", "NULL", "null"],
        strings_can_be_null=True,
    )
    return pcsv.open_csv(handle, read_options=read, parse_options=parse, convert_options=convert)


def read_parquet_batches(handle: Any, *, batch_rows: int) -> pa.RecordBatchReader:
    """Stream a Parquet file row group by row group."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(handle)
    return pa.RecordBatchReader.from_batches(
        parquet.schema_arrow, parquet.iter_batches(batch_size=batch_rows)
    )


def write_batches(
    reader: pa.RecordBatchReader,
    handle: Any,
    *,
    fmt: FileFormat,
    options: dict[str, Any],
) -> Iterator[int]:
    """Write every batch of ``reader`` to ``handle``; yield the rows of each batch written."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    if fmt == "parquet":
        compression = options.get("compression", "snappy")
        with pq.ParquetWriter(
            handle, reader.schema, compression=None if compression == "none" else compression
        ) as writer:
            for batch in reader:
                writer.write_batch(batch)
                yield batch.num_rows
        return
    write_options = pcsv.WriteOptions(
        include_header=options.get("header", True), delimiter=options.get("delimiter", ",")
    )
    with pcsv.CSVWriter(handle, reader.schema, write_options=write_options) as writer:
        for batch in reader:
            writer.write_batch(batch)
            yield batch.num_rows
