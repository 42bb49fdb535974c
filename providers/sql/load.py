"""One idempotent load: the input lands in the target together with its ledger row, or not at all."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from providers.sql import failpoint, load_ledger, watermark
from providers.sql.connection import Database
from providers.sql.dialect import SqlConfigError, display_name
from providers.sql.load_modes import DIRECT_MODES, apply_mode, clear_target
from providers.sql.target_table import TablePlan, plan_table, prepare_target

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
    watermarks: Callable[[], Sequence[watermark.WatermarkUpdate]] = tuple
    """The marks to commit with the rows: asked before the load (to prepare their tables) and
    again at apply time, when sources streaming into this load have seen every row."""

    @property
    def key(self) -> tuple[str, str, str]:
        """The ledger key."""
        return (self.dag_id, self.run_id, self.node_id)

    def staging_name(self) -> str:
        """Staging table name, unique per run and node, within every database's name limit."""
        digest = hashlib.sha1("\x00".join(self.key).encode(), usedforsecurity=False).hexdigest()[:20]
        return f"_aggregator_stage_{digest}"


def _with_failpoints(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The batches; a test may fail the load after the ``n``-th one was written."""
    for number, batch in enumerate(batches, start=1):
        yield batch
        failpoint.reached(f"copy:{number}")


def run_load(db: Database, request: LoadRequest, reader: pa.RecordBatchReader, log: Any) -> dict[str, Any]:
    """Load ``reader`` into the target; a repeat for the same run and node is a no-op.

    ``append`` and ``replace`` write straight into the target inside the apply
    transaction; ``merge`` and ``delete_insert`` first stage the input in a table of its
    own (committed separately, so a long write holds no lock on the target).
    """
    dialect, connection = db.dialect, db.connection
    target = dialect.qualified(request.schema, request.table)
    name = display_name(request.schema, request.table)
    staging = dialect.qualified(request.schema, request.staging_name())
    lock = request.staging_name()
    with closing(connection.cursor()) as cursor, dialect.load_lock(cursor, lock):
        dialect.begin(cursor)
        load_ledger.ensure_ledger(dialect, cursor, request.state_schema)
        for state_schema in sorted({u.state_schema or "" for u in request.watermarks()}):
            watermark.ensure_table(dialect, cursor, state_schema or None)
        connection.commit()
        done = load_ledger.applied_load(dialect, cursor, request.state_schema, request.key)
        if done is not None:
            connection.rollback()
            _drop_staging(db, cursor, staging)
            log.info(
                "Load of %s for run %s was applied before (%d rows); skipping", name, request.run_id, done
            )
            return {"rows_written": 0, "rows_applied_before": done, "applied": False, "table": name}
        plan = plan_table(
            dialect,
            dialect.table_columns(cursor, request.schema, request.table),
            reader.schema,
            name=name,
            create=request.create,
            evolve=request.evolve,
            keys=request.keys,
        )
        connection.rollback()
        for column in [*request.keys, *([request.partition[0]] if request.partition else [])]:
            if column not in plan.column_types:
                raise SqlConfigError(f"column {column!r} is not in the input of table {name}")
        columns = list(plan.column_types)
        direct = request.mode in DIRECT_MODES
        rows = 0
        if not direct:
            rows = _stage(db, cursor, staging, plan, reader)
            log.info("Staged %d rows for %s", rows, name)
        if not dialect.transactional_ddl and (plan.create or plan.add_columns):
            # DDL would commit the apply transaction half-way: change the table before it.
            prepare_target(dialect, cursor, target, plan, request.keys)
            connection.commit()
        try:
            dialect.begin(cursor)
            if not load_ledger.claim_load(
                dialect, cursor, request.state_schema, request.key, target=name, mode=request.mode
            ):
                connection.rollback()
                log.info("Another attempt applied the load of %s for run %s; skipping", name, request.run_id)
                return {"rows_written": 0, "applied": False, "table": name}
            if dialect.transactional_ddl:
                prepare_target(dialect, cursor, target, plan, request.keys)
            if direct:
                counts = clear_target(dialect, cursor, request.mode, target)
                rows = dialect.write_batches(
                    cursor, target, columns, _with_failpoints(reader), column_types=plan.column_types
                )
                counts["rows_inserted"] = rows
            else:
                counts = apply_mode(
                    dialect,
                    cursor,
                    request.mode,
                    target=target,
                    staging=staging,
                    column_types=plan.column_types,
                    keys=request.keys,
                    partition=request.partition,
                )
            load_ledger.record_rows(dialect, cursor, request.state_schema, request.key, rows)
            marks = [update for update in request.watermarks() if update.value is not None]
            for update in marks:
                watermark.write_watermark(dialect, cursor, update)
            failpoint.reached("apply")
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        if not direct:
            _drop_staging(db, cursor, staging)
    log.info("Applied %s load of %d rows to %s", request.mode, rows, name)
    return {
        "rows_written": rows,
        "applied": True,
        "table": name,
        "mode": request.mode,
        **counts,
        "columns_added": plan.add_columns,
        "table_created": plan.create,
        "watermarks": {f"{u.pipeline}.{u.node}": u.value for u in marks},
    }


def _stage(db: Database, cursor: Any, staging: str, plan: TablePlan, reader: pa.RecordBatchReader) -> int:
    """(Re)create the staging table and write the input into it, in a transaction of its own."""
    dialect = db.dialect
    dialect.begin(cursor)
    cursor.execute(f"DROP TABLE IF EXISTS {staging}")
    cursor.execute(dialect.create_table_sql(staging, plan.column_types, [], staging=True))
    rows = dialect.write_batches(
        cursor, staging, list(plan.column_types), _with_failpoints(reader), column_types=plan.column_types
    )
    db.connection.commit()
    return rows


def _drop_staging(db: Database, cursor: Any, staging: str) -> None:
    """Drop the staging table of this run and node, if an attempt left one."""
    db.dialect.begin(cursor)
    cursor.execute(f"DROP TABLE IF EXISTS {staging}")
    db.connection.commit()
