"""Streaming read: a server-side cursor fetched in Arrow record batches."""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from providers.sql.dialect import arrow_type_for, qualified, quote_ident

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class ExtractQuery:
    """A table or a query, optionally narrowed to columns and rows after a cursor value."""

    schema: str | None = None
    table: str | None = None
    query: str | None = None
    columns: Sequence[str] = ()
    parameters: dict[str, Any] = field(default_factory=dict)
    cursor_column: str | None = None

    def statement(self, lower_bound: Any = None) -> tuple[str, dict[str, Any]]:
        """SQL and parameters; values are always passed as parameters."""
        selected = ", ".join(quote_ident(c) for c in self.columns) if self.columns else "*"
        if self.table:
            source = qualified(self.schema, self.table)
        else:
            source = f"({self.query.rstrip().rstrip(';')}) AS aggregator_query"
        sql = f"SELECT {selected} FROM {source}"
        params = dict(self.parameters)
        if self.cursor_column and lower_bound is not None:
            sql += f" WHERE {quote_ident(self.cursor_column)} > %(aggregator_lower_bound)s"
            params["aggregator_lower_bound"] = lower_bound
        return sql, params


JSON_OIDS = (114, 3802)


def _python_values(values: list[Any], arrow_type: pa.DataType, *, is_json: bool = False) -> list[Any]:
    """Adapt psycopg values to what ``pa.array`` takes for ``arrow_type``."""
    import pyarrow.types as t

    if is_json:
        return [None if v is None else json.dumps(v) for v in values]
    if t.is_string(arrow_type):
        return [
            None
            if v is None
            else v
            if isinstance(v, str)
            else json.dumps(v)
            if isinstance(v, dict)
            else str(v)
            for v in values
        ]
    if t.is_floating(arrow_type):
        return [None if v is None else float(v) for v in values]
    if t.is_binary(arrow_type):
        return [None if v is None else bytes(v) for v in values]
    return values


def stream_batches(
    connection: Any,
    statement: str,
    params: dict[str, Any],
    *,
    batch_rows: int,
    on_batch: Callable[[pa.RecordBatch], None] | None = None,
) -> pa.RecordBatchReader:
    """Run ``statement`` on a server-side cursor and stream its rows; closes ``connection`` at the end."""
    import pyarrow as pa

    cursor = connection.cursor(name="aggregator_extract")
    try:
        cursor.execute(statement, params or None)
        description = cursor.description
        schema = pa.schema(
            [
                pa.field(col.name, arrow_type_for(col.type_code, col.precision, col.scale))
                for col in description
            ]
        )
        json_columns = {i for i, col in enumerate(description) if col.type_code in JSON_OIDS}
    except BaseException:
        connection.close()
        raise

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            while rows := cursor.fetchmany(batch_rows):
                columns = list(zip(*rows, strict=True))
                arrays = [
                    pa.array(_python_values(list(values), f.type, is_json=i in json_columns), f.type)
                    for i, (values, f) in enumerate(zip(columns, schema, strict=True))
                ]
                batch = pa.RecordBatch.from_arrays(arrays, schema=schema)
                if on_batch:
                    on_batch(batch)
                yield batch
            cursor.close()
            connection.rollback()
        finally:
            connection.close()

    return pa.RecordBatchReader.from_batches(schema, batches())
