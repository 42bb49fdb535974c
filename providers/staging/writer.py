"""Stage a stream of record batches as one Parquet file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from providers.staging.manifest import StagedData

if TYPE_CHECKING:
    import pyarrow as pa

#: Rows per row group of a staged file: one group is what a reader holds in memory.
ROW_GROUP_ROWS = 131_072


def as_reader(data: Any) -> pa.RecordBatchReader:
    """Accept a ``RecordBatchReader``, a ``Table`` or a pandas ``DataFrame`` as a stream."""
    import pyarrow as pa

    if isinstance(data, pa.RecordBatchReader):
        return data
    if isinstance(data, pa.Table):
        return data.to_reader()
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data]).to_reader()
    if type(data).__name__ == "DataFrame":
        return pa.Table.from_pandas(data, preserve_index=False).to_reader()
    raise TypeError(
        "expected a pyarrow RecordBatchReader, Table or RecordBatch, or a pandas DataFrame, "
        f"got {type(data).__name__}"
    )


def stage_batches(data: Any, target: Any) -> StagedData:
    """Write ``data`` batch by batch to ``target`` (an ``ObjectStoragePath``).

    The file is written under a temporary name and renamed when complete, so a reader
    never sees a partial file.
    """
    import pyarrow.parquet as pq

    from providers.files.atomic_output import atomic_output
    from providers.files.row_group_writer import RowGroupWriter

    reader = as_reader(data)
    options = {"compression": "lz4", "use_dictionary": False}  # fastest to write; the file is temporary
    with (
        atomic_output(target) as handle,
        pq.ParquetWriter(handle, reader.schema, **options) as writer,
        RowGroupWriter(writer, reader.schema, ROW_GROUP_ROWS) as groups,
    ):
        for batch in reader:
            groups.write(batch)
        groups.flush()
    rows = groups.rows
    return StagedData(
        uri=str(target),
        schema=[{"name": f.name, "type": str(f.type)} for f in reader.schema],
        rows=rows,
        bytes=target.stat().st_size,
        conn_id=getattr(target, "conn_id", None),
    )
