"""Check the columns a node's config names against its input schema, before any row is read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from dag_factory.spec.suggestions import did_you_mean

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun


class ColumnNodeError(ValueError):
    """A node's config does not fit its input's columns; the message names the node, field and column."""


def require_columns(run: NodeRun, option: str, columns: Iterable[str], schema: pa.Schema) -> None:
    """Raise :class:`ColumnNodeError` for the first of ``columns`` missing from ``schema``.

    :param option: The config field holding the columns, e.g. ``keys``; each column is
        reported as ``option[i]``.
    """
    for index, column in enumerate(columns):
        require_column(run, f"{option}[{index}]", column, schema)


def require_column(run: NodeRun, option: str, column: str, schema: pa.Schema) -> None:
    """Raise :class:`ColumnNodeError` if ``column`` (config field ``option``) is not in ``schema``."""
    if column not in schema.names:
        raise ColumnNodeError(
            f"node '{run.node_id}', {option}: unknown column '{column}'{did_you_mean(column, schema.names)}"
        )


def require_comparable(run: NodeRun, option: str, columns: Iterable[str], schema: pa.Schema) -> None:
    """Raise :class:`ColumnNodeError` for the first of ``columns`` whose values cannot be compared
    for equality (lists, structs, maps), naming it: it cannot identify duplicates or groups."""
    import pyarrow.types as t

    for column in columns:
        data_type = schema.field(column).type
        if t.is_nested(data_type):
            raise ColumnNodeError(
                f"node '{run.node_id}', {option}: column '{column}' is {data_type}, whose values cannot "
                "be compared; leave it out (list the key columns) or flatten it first (transform.flatten)"
            )


def unused_name(base: str, schema: pa.Schema) -> str:
    """A column name starting with ``base`` that ``schema`` does not use, for a temporary column."""
    name = base
    while name in schema.names:
        name = f"_{name}"
    return name


@contextmanager
def arrow_errors_named(run: NodeRun, option: str | None = None) -> Iterator[None]:
    """Re-raise Arrow's errors (a column type a kernel does not support, say) naming the node."""
    import pyarrow as pa

    try:
        yield
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as error:
        where = f"node '{run.node_id}', {option}" if option else f"node '{run.node_id}'"
        raise ColumnNodeError(f"{where}: {error}") from None
