"""One idempotent load: COPY into a staging table, then apply it in one run-keyed transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from providers.sql import failpoint, load_ledger, watermark
from providers.sql.dialect import display_name, qualified
from providers.sql.load_modes import apply_mode
from providers.sql.postgres_copy import copy_batches
from providers.sql.target_table import create_table_sql, plan_table, prepare_target, table_columns

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class LoadRequest:
    """Everything one load needs besides the connection and the data."""

    dag_id: str
    run_id: str
    node_id: str
    schema: str | None
    table: str
    mode: str = "append"
    keys: Sequence[str] = ()
    partition: tuple[str, Any, Any] | None = None
    create: str = "if_missing"
    evolve: str = "error"
    state_schema: str | None = None
    watermarks: Sequence[watermark.WatermarkUpdate] = field(default_factory=tuple)

    @property
    def key(self) -> tuple[str, str, str]:
        """The ledger key."""
        return (self.dag_id, self.run_id, self.node_id)

    def staging_name(self) -> str:
        """Staging table name, unique per run and node, within 63 bytes."""
        digest = hashlib.sha1("\x00".join(self.key).encode(), usedforsecurity=False).hexdigest()[:20]
        return f"_aggregator_stage_{digest}"


def run_load(connection: Any, request: LoadRequest, reader: pa.RecordBatchReader, log: Any) -> dict[str, Any]:
    """Load ``reader`` into the target; a repeat for the same run and node is a no-op."""
    target = qualified(request.schema, request.table)
    name = display_name(request.schema, request.table)
    staging = qualified(request.schema, request.staging_name())
    with connection.cursor() as cursor:
        load_ledger.ensure_ledger(cursor, request.state_schema)
        connection.commit()
        done = load_ledger.applied_load(cursor, request.state_schema, request.key)
        if done is not None:
            connection.rollback()
            log.info(
                "Load of %s for run %s was applied before (%d rows); skipping", name, request.run_id, done
            )
            return {"rows_written": 0, "rows_applied_before": done, "applied": False, "table": name}
        plan = plan_table(
            table_columns(cursor, request.schema, request.table),
            reader.schema,
            name=name,
            create=request.create,
            evolve=request.evolve,
        )
        for key in [*request.keys, *([request.partition[0]] if request.partition else [])]:
            if key not in plan.column_types:
                raise ValueError(f"column {key!r} is not in the input of table {name}")
        # 1. staging: its own transaction, so a long COPY holds no lock on the target
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(create_table_sql(staging, plan.column_types, [], unlogged=True))
        rows = copy_batches(cursor, staging, list(plan.column_types), reader)
        connection.commit()
        log.info("Staged %d rows for %s", rows, name)
        # 2. apply: mode, ledger row and watermarks commit together or not at all
        try:
            if not load_ledger.claim_load(
                cursor, request.state_schema, request.key, target=name, mode=request.mode, rows=rows
            ):
                connection.rollback()
                log.info("Another attempt applied the load of %s for run %s; skipping", name, request.run_id)
                return {"rows_written": 0, "applied": False, "table": name}
            prepare_target(cursor, target, plan, list(request.keys))
            counts = apply_mode(
                cursor,
                request.mode,
                target=target,
                staging=staging,
                columns=list(plan.column_types),
                keys=request.keys,
                partition=request.partition,
            )
            for update in request.watermarks:
                watermark.write_watermark(cursor, update)
            cursor.execute(f"DROP TABLE {staging}")
            failpoint.reached("apply")
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
    log.info("Applied %s load of %d rows to %s", request.mode, rows, name)
    return {
        "rows_written": rows,
        "applied": True,
        "table": name,
        "mode": request.mode,
        **counts,
        "columns_added": plan.add_columns,
        "table_created": plan.create,
        "watermarks": {f"{u.pipeline}.{u.node}": u.value for u in request.watermarks},
    }
