"""``sql.query``: run a SELECT inside a database over the node's inputs (ELT) and stream its result."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import DEFAULT_BATCH_ROWS, BatchRows
from providers.components.sql_options import SqlConnectionConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.sql.connection import SqlNodeError
    from providers.staging.manifest import StagedData

NODE_TYPE = "sql.query"

TemporarySchema = Annotated[
    str | None,
    Field(
        default=None,
        alias="schema",
        description=(
            "MySQL/MariaDB only: the database that holds the inputs' temporary tables (default: the "
            "connection's). PostgreSQL and SQLite keep them in the session's own schema."
        ),
    ),
]


class SqlQueryConfig(SqlConnectionConfig):
    """Settings of a ``sql.query`` node."""

    sql: str = Field(
        min_length=1,
        description=(
            "The SELECT to run. Each input is a temporary table named after its node id; the run's "
            "params are bound as %(name)s (PostgreSQL, MySQL: write a literal % as %%) or :name (SQLite)."
        ),
    )
    db_schema: TemporarySchema
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS


def input_tables(run: NodeRun, count: int) -> list[str]:
    """The temporary table names: the input node ids, or ``input_1``... outside a pipeline task."""
    from providers.sql.dialect import SqlConfigError

    names = list(run.input_nodes)
    if len(names) != count:
        return [f"input_{index}" for index in range(1, count + 1)]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise SqlConfigError(
            f"node '{run.node_id}' (sql.query), inputs: '{twice[0]}' is listed twice; each input is "
            "one temporary table: list it once and use it twice in the query"
        )
    return names


def query_in_database(
    run: NodeRun, config: SqlQueryConfig, inputs: Sequence[StagedData]
) -> pa.RecordBatchReader:
    """Load the inputs into temporary tables, run ``sql`` and stream its rows."""
    from providers.sql.connection import open_database
    from providers.sql.dialect import SqlConfigError
    from providers.sql.query_over_inputs import stream_query_over_inputs
    from providers.sql.query_statement import query_statement

    names = input_tables(run, len(inputs))
    try:
        statement = query_statement(config.sql)
        readers = [
            (name, staged.reader(config.batch_rows)) for name, staged in zip(names, inputs, strict=True)
        ]
        try:
            db = open_database(config.conn_id, bulk_load=True)
        except Exception as error:
            raise SqlConfigError(f"conn_id: {error}") from error
        reader = stream_query_over_inputs(
            db,
            readers,
            statement,
            dict(run.context.get("params") or {}),
            schema=config.db_schema,
            batch_rows=config.batch_rows,
            log=run.log,
        )
    except Exception as error:
        raise _node_error(run, error) from error
    return _naming_errors(run, reader)


def _node_error(run: NodeRun, error: BaseException) -> SqlNodeError:
    from providers.sql.connection import SqlNodeError

    return SqlNodeError(f"node '{run.node_id}' ({NODE_TYPE}), {error}")


def _naming_errors(run: NodeRun, reader: pa.RecordBatchReader) -> pa.RecordBatchReader:
    """The same stream; an error while reading it names the node."""
    import pyarrow as pa

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            yield from reader
        except Exception as error:
            raise _node_error(run, error) from error

    return pa.RecordBatchReader.from_batches(reader.schema, batches())


COMPONENT = ComponentType(
    name=NODE_TYPE,
    category=Category.TRANSFORM,
    title="SQL in the database",
    description=(
        "Runs a SELECT inside a PostgreSQL, MySQL/MariaDB or SQLite database (ELT): each input is "
        "first loaded whole into a session-scoped temporary table named after its node, so the "
        "query needs every input loaded before it runs; its result then streams back in batches. "
        "With no inputs it queries the database's own tables."
    ),
    config_model=SqlQueryConfig,
    executor="providers.components.sql_query_transform:query_in_database",
    inputs=Arity(0, None),
    # The query is raw SQL written by the spec's author: it needs the code permission.
    code_bearing=True,
    icon="database",
    example={
        "conn_id": "warehouse",
        "sql": (
            "SELECT c.region, sum(o.amount) AS revenue FROM orders o "
            "JOIN customers c ON c.customer_id = o.customer_id "
            "WHERE o.amount > %(min_amount)s GROUP BY c.region"
        ),
    },
)
