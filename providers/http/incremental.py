"""Watermarks of incremental loads, kept in the XCom of the previous successful DAG run.

A run reads the watermark pushed by this node in the latest earlier DAG run whose state is
``success``, and pushes its own only after its last page was read. A failed or partial run
therefore never moves the watermark: the next run starts again from the last run that
delivered its data all the way through the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from providers.http.records import get_path

WATERMARK_XCOM_KEY = "http_watermark"


def previous_watermark(context: Mapping[str, Any], node_id: str) -> Any:
    """This node's watermark from the previous successful DAG run, or ``None``."""
    ti = context.get("ti")
    if ti is None:
        return None
    previous = ti.get_previous_dagrun(state="success")
    if previous is None:
        return None
    return ti.xcom_pull(task_ids=node_id, key=WATERMARK_XCOM_KEY, run_id=previous.run_id, default=None)


def save_watermark(context: Mapping[str, Any], value: Any) -> None:
    """Push ``value`` as this run's watermark (when running inside Airflow)."""
    ti = context.get("ti")
    if ti is not None and value is not None:
        ti.xcom_push(key=WATERMARK_XCOM_KEY, value=value)


def max_cursor(records: Iterable[dict[str, Any]], field: str, current: Any) -> Any:
    """The largest of ``current`` and the records' ``field`` values (nulls ignored).

    :raises TypeError: values of ``field`` cannot be compared with each other.
    """
    best = current
    for record in records:
        value = record[field] if field in record else get_path(record, field)
        if value is None:
            continue
        if best is None or value > best:
            best = value
    return best
