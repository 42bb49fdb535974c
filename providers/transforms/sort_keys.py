"""Sort keys shared by node types that order rows (``transform.sort``, ``transform.dedupe``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from dag_factory.registry.config_fields import COLUMN_VALUES, ComponentConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun


class SortKey(ComponentConfig):
    """One column to order rows by."""

    column: Annotated[str, COLUMN_VALUES] = Field(min_length=1, description="Column to order by.")
    descending: bool = Field(default=False, description="Largest values first.")
    nulls: Literal["first", "last"] = Field(default="last", description="Where null values go.")


def check_sort_keys(run: NodeRun, option: str, keys: Sequence[SortKey], schema: pa.Schema) -> None:
    """Raise if a key names a column that ``schema`` lacks (``option[i].column`` in the message)."""
    from providers.transforms.input_columns import require_column

    for index, key in enumerate(keys):
        require_column(run, f"{option}[{index}].column", key.column, schema)


def sort_indices(table: pa.Table, keys: Sequence[SortKey]) -> pa.Array:
    """Row positions of ``table`` in the order of ``keys``; ties keep their input order (stable)."""
    import pyarrow.compute as pc

    return pc.sort_indices(
        table,
        sort_keys=[
            (
                key.column,
                "descending" if key.descending else "ascending",
                "at_start" if key.nulls == "first" else "at_end",
            )
            for key in keys
        ],
    )
