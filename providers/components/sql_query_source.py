"""``source.sql_query``: stream the result of a SELECT written in the spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from providers.components.sql_read import SqlReadConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData

NODE_TYPE = "source.sql_query"


class SqlQuerySourceConfig(SqlReadConfig):
    """Settings of a ``source.sql_query`` node."""

    query: str = Field(min_length=1, description="The SELECT to read; it is wrapped as a subquery.")
    parameters: dict[str, Any] = Field(
        default_factory=dict,
        description="Values of the query's placeholders: %(name)s (PostgreSQL, MySQL) or :name (SQLite).",
    )


def read_query(
    run: NodeRun, config: SqlQuerySourceConfig, inputs: Sequence[StagedData]
) -> pa.RecordBatchReader:
    """Stream the query's rows."""
    from providers.components.sql_read import read_rows
    from providers.sql.extract import ExtractQuery

    extract = ExtractQuery(
        query=config.query,
        columns=config.columns,
        parameters=config.parameters,
        cursor_column=config.incremental.cursor_column if config.incremental else None,
    )
    return read_rows(run, config, extract, NODE_TYPE)


COMPONENT = ComponentType(
    name=NODE_TYPE,
    category=Category.SOURCE,
    title="SQL query",
    description=(
        "Streams the result of a SELECT on PostgreSQL, MySQL/MariaDB or SQLite in batches; "
        "optionally incremental by a cursor column."
    ),
    config_model=SqlQuerySourceConfig,
    executor="providers.components.sql_query_source:read_query",
    inputs=Arity(0, 0),
    # The query is raw SQL written by the spec's author: it needs the code permission.
    code_bearing=True,
    icon="database",
    fusable=True,
    example={"conn_id": "shop_pg", "query": "select id, amount from orders where amount > 10"},
)
