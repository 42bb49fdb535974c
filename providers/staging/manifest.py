"""``StagedData``: the small manifest passed by XCom instead of the data itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

DEFAULT_BATCH_ROWS = 65_536


@dataclass(frozen=True)
class StagedData:
    """A node's output staged as one Parquet file.

    :param uri: Location of the Parquet file (any ``ObjectStoragePath`` URL).
    :param schema: Column names and Arrow types, for display and checks.
    :param rows: Number of rows.
    :param bytes: Size of the staged file in bytes.
    :param conn_id: Connection used to reach the staging store, if any.
    """

    uri: str
    schema: list[dict[str, str]]
    rows: int
    bytes: int
    conn_id: str | None = None

    def to_xcom(self) -> dict[str, Any]:
        """JSON data for XCom."""
        return asdict(self)

    @classmethod
    def from_xcom(cls, value: Any, *, node_id: str) -> StagedData:
        """Read a manifest pushed by the node ``node_id``."""
        if not isinstance(value, dict) or "uri" not in value:
            raise ValueError(
                f"input '{node_id}' left no staged data (XCom return_value is {value!r}); "
                "was it cleared or did it run with another version of the pipeline?"
            )
        return cls(**value)

    def path(self) -> Any:
        """The staged file as an ``ObjectStoragePath``."""
        from airflow.sdk import ObjectStoragePath

        return ObjectStoragePath(self.uri, conn_id=self.conn_id)

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        """Stream the staged rows as record batches."""
        import pyarrow.parquet as pq

        from providers.files.parquet_batches import row_group_batches

        with self.path().open("rb") as handle:
            yield from row_group_batches(pq.ParquetFile(handle), batch_rows)

    def reader(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> pa.RecordBatchReader:
        """The staged rows as a ``RecordBatchReader`` (streamed, bounded memory)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        with self.path().open("rb") as handle:
            schema = pq.read_schema(handle)
        return pa.RecordBatchReader.from_batches(schema, self.batches(batch_rows))

    def read_table(self) -> pa.Table:
        """All staged rows in memory, for steps that need the whole input."""
        return self.reader().read_all()
