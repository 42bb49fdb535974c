"""Write record batches to an open file as CSV, JSON Lines or Parquet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from providers.files.file_streams import compressed_output
from providers.files.formats import Compression
from providers.files.jsonl_encoding import jsonl_bytes

if TYPE_CHECKING:
    import pyarrow as pa

WriteFormat = Literal["csv", "jsonl", "parquet"]
ParquetCodec = Literal["snappy", "zstd", "gzip", "none"]


@dataclass(frozen=True)
class CsvLayout:
    """How CSV is written."""

    delimiter: str = ","
    header: bool = True
    quoting: Literal["needed", "all_valid", "none"] = "needed"
    null_string: str = ""


class BatchWriter(Protocol):
    """Writes batches of one schema to one file."""

    def write(self, batch: pa.RecordBatch) -> None:
        """Append ``batch`` to the file."""

    def close(self) -> None:
        """Finish the file: Parquet footer, compression trailer."""


#: Rows per row group of a Parquet file written by a sink (pyarrow's own default size).
PARQUET_ROW_GROUP_ROWS = 1_048_576


class _ParquetWriter:
    def __init__(self, handle: Any, schema: pa.Schema, codec: ParquetCodec) -> None:
        import pyarrow.parquet as pq

        from providers.files.row_group_writer import RowGroupWriter

        self._writer = pq.ParquetWriter(handle, schema, compression=None if codec == "none" else codec)
        self._groups = RowGroupWriter(self._writer, schema, PARQUET_ROW_GROUP_ROWS)

    def write(self, batch: pa.RecordBatch) -> None:
        self._groups.write(batch)

    def close(self) -> None:
        with self._groups:
            self._groups.flush()
        self._writer.close()


class _CsvWriter:
    def __init__(
        self, handle: Any, schema: pa.Schema, compression: Compression | None, layout: CsvLayout
    ) -> None:
        import pyarrow.csv as pcsv

        self._stream = compressed_output(handle, compression)
        options = pcsv.WriteOptions(
            include_header=layout.header,
            delimiter=layout.delimiter,
            quoting_style=layout.quoting,
            null_string=layout.null_string,
        )
        self._writer = pcsv.CSVWriter(self._stream, schema, write_options=options)

    def write(self, batch: pa.RecordBatch) -> None:
        self._writer.write_batch(batch)

    def close(self) -> None:
        self._writer.close()
        self._stream.close()  # writes the compression trailer


class _JsonLinesWriter:
    def __init__(self, handle: Any, compression: Compression | None) -> None:
        self._stream = compressed_output(handle, compression)

    def write(self, batch: pa.RecordBatch) -> None:
        self._stream.write(jsonl_bytes(batch))

    def close(self) -> None:
        self._stream.close()


def open_batch_writer(
    handle: Any,
    schema: pa.Schema,
    fmt: WriteFormat,
    *,
    compression: Compression | None = None,
    parquet_codec: ParquetCodec = "snappy",
    csv: CsvLayout | None = None,
) -> BatchWriter:
    """A writer of ``fmt`` into the binary file ``handle``.

    :param compression: Stream compression of CSV and JSON Lines.
    :param parquet_codec: Page compression of Parquet.
    :param csv: CSV layout.
    """
    if fmt == "parquet":
        return _ParquetWriter(handle, schema, parquet_codec)
    if fmt == "csv":
        return _CsvWriter(handle, schema, compression, csv or CsvLayout())
    return _JsonLinesWriter(handle, compression)
