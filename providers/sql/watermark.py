"""Incremental state: the high-water mark of a source's cursor column.

The source reads the committed mark and reports the new one in its metrics; the sink
writes it to ``aggregator_watermarks`` in the transaction that applies the rows.
"""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from providers.sql.dialect import SqlConfigError, SqlDialect

if TYPE_CHECKING:
    from providers.execution.node_run import NodeRun

WATERMARK_TABLE = "aggregator_watermarks"
METRICS_KEY = "watermark"


def encode_value(value: Any) -> str:
    """A cursor value as JSON ``{"type": ..., "value": ...}``."""
    if isinstance(value, bool):
        raise SqlConfigError("a boolean column cannot be an incremental cursor")
    if isinstance(value, dt.datetime):
        return json.dumps({"type": "datetime", "value": value.isoformat()})
    if isinstance(value, dt.date):
        return json.dumps({"type": "date", "value": value.isoformat()})
    if isinstance(value, int):
        return json.dumps({"type": "int", "value": str(value)})
    if isinstance(value, float | Decimal):
        return json.dumps({"type": "decimal", "value": str(value)})
    if isinstance(value, str):
        return json.dumps({"type": "str", "value": value})
    raise SqlConfigError(f"unsupported cursor value type {type(value).__name__}")


def decode_value(text: str) -> Any:
    """The cursor value stored by :func:`encode_value`."""
    data = json.loads(text)
    parse = {
        "datetime": dt.datetime.fromisoformat,
        "date": dt.date.fromisoformat,
        "int": int,
        "decimal": Decimal,
        "str": str,
    }[data["type"]]
    return parse(data["value"])


def lower_bound(value: Any, lookback: float) -> Any:
    """``value`` minus the lookback (seconds for dates and times, units for numbers)."""
    if not lookback:
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value - dt.timedelta(seconds=lookback)
    if isinstance(value, int):
        return value - int(lookback)
    if isinstance(value, Decimal):
        return value - Decimal(str(lookback))
    raise SqlConfigError(f"lookback cannot apply to a {type(value).__name__} cursor")


@dataclass(frozen=True)
class WatermarkUpdate:
    """A new mark reported by a source for the sink to commit with the rows.

    ``value`` is None until the source has seen a row past the old mark: the sink then knows
    where the mark lives (to prepare its table) but has nothing to commit.
    """

    pipeline: str
    node: str
    column: str
    value: str | None
    state_conn_id: str
    state_schema: str | None = None

    def to_metrics(self) -> dict[str, Any]:
        """JSON data for the source's metrics."""
        return asdict(self)


def table_sql(dialect: SqlDialect, state_schema: str | None) -> str:
    """The quoted watermark table name."""
    return dialect.qualified(state_schema, WATERMARK_TABLE)


def ensure_table(dialect: SqlDialect, cursor: Any, state_schema: str | None) -> None:
    """Create the watermark table if missing."""
    key, text = dialect.state_key_type, dialect.state_text_type
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {table_sql(dialect, state_schema)} ("
        f"pipeline {key} NOT NULL, node {key} NOT NULL, "
        f"cursor_column {text} NOT NULL, value {text} NOT NULL, "
        f"updated_at {dialect.state_time_type} NOT NULL DEFAULT {dialect.now}, PRIMARY KEY (pipeline, node))"
    )


def read_watermark(
    dialect: SqlDialect, cursor: Any, state_schema: str | None, pipeline: str, node: str
) -> Any:
    """The committed mark of ``pipeline``/``node``, or ``None`` (no table or no row)."""
    if dialect.table_columns(cursor, state_schema, WATERMARK_TABLE) is None:
        return None
    p = dialect.param
    cursor.execute(
        f"SELECT value FROM {table_sql(dialect, state_schema)} WHERE pipeline = {p} AND node = {p}",
        [pipeline, node],
    )
    row = cursor.fetchone()
    return None if row is None else decode_value(row[0])


def write_watermark(dialect: SqlDialect, cursor: Any, update: WatermarkUpdate) -> None:
    """Upsert the mark (inside the load's transaction; the table exists, see :func:`ensure_table`)."""
    cursor.execute(
        dialect.upsert_sql(
            table_sql(dialect, update.state_schema),
            ("pipeline", "node", "cursor_column", "value"),
            ("pipeline", "node"),
            touch="updated_at",
        ),
        [update.pipeline, update.node, update.column, update.value],
    )


def upstream_watermarks(run: NodeRun) -> list[WatermarkUpdate]:
    """Marks reported by the upstream nodes of a sink in this run (none outside Airflow).

    Those of nodes that ran in other tasks come from their metrics XCom; those of nodes fused
    into the sink's task from their runs, complete once the sink has read its input.
    """
    reported = [upstream.metrics for upstream in run.fused_upstream]
    task, ti = run.context.get("task"), run.context.get("ti")
    upstream = sorted(task.get_flat_relative_ids(upstream=True)) if task is not None else []
    if upstream and ti is not None:
        pulled = ti.xcom_pull(task_ids=upstream, key="aggregator_metrics")
        for value in pulled if isinstance(pulled, list) else [pulled]:
            if isinstance(value, dict):
                reported.append(value)
                fused = value.get("fused_nodes") or {}
                reported.extend(item for item in fused.values() if isinstance(item, dict))
    return [
        WatermarkUpdate(**item[METRICS_KEY]) for item in reported if isinstance(item.get(METRICS_KEY), dict)
    ]
