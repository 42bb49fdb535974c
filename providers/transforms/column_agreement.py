"""Whether the columns a node combines agree: present in the right input, of one common type.

Checked against the input schemas before any row is read; errors are ``ColumnNodeError``s
naming the node, the config field and the column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.transforms.input_columns import ColumnNodeError


def node_error(run: NodeRun, option: str, message: str) -> ColumnNodeError:
    """An error reading ``node '<id>', <option>: <message>``."""
    from providers.transforms.input_columns import ColumnNodeError

    return ColumnNodeError(f"node '{run.node_id}', {option}: {message}")


def require_side_columns(
    run: NodeRun, option: str, columns: Sequence[str], schema: pa.Schema, side: str
) -> None:
    """Like ``input_columns.require_columns``, for nodes of two inputs: the message names the input.

    :param side: The input as the message names it, e.g. ``"the right input (second)"``.
    """
    from dag_factory.spec.suggestions import did_you_mean

    for index, column in enumerate(columns):
        if column not in schema.names:
            hint = did_you_mean(column, schema.names)
            raise node_error(run, f"{option}[{index}]", f"{side} has no column '{column}'{hint}")


def require_distinct(run: NodeRun, option: str, names: Sequence[str], what: str) -> None:
    """Fail when ``names`` repeats a name (two output columns named alike, say)."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise node_error(run, option, f"{what} '{name}' would appear twice")
        seen.add(name)


def common_type(
    run: NodeRun,
    option: str,
    columns: Sequence[tuple[str, pa.DataType]],
    purpose: str,
    *,
    matching: bool = False,
) -> pa.DataType:
    """The type all ``columns`` convert to without loss (int32 and int64: int64), or an error.

    :param columns: ``(how a message names the column, its type)`` pairs, e.g. ``("'id' of the
        left input", int64)``.
    :param purpose: What the shared type is for, e.g. ``"a join key"``; used in messages.
    :param matching: Values are compared for equality (keys): whole and floating-point numbers
        are refused together, as large integers would not survive the conversion.
    """
    import pyarrow as pa

    try:
        unified = pa.unify_schemas(
            [pa.schema([pa.field("value", value_type)]) for _, value_type in columns],
            promote_options="permissive",
        )
    except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
        listed = ", ".join(f"{label} ({value_type})" for label, value_type in columns)
        raise node_error(
            run,
            option,
            f"{listed} have no common type to serve as {purpose}; convert one first with "
            "transform.derive (e.g. to_text(...), to_float(...))",
        ) from None
    value_type = unified.field("value").type
    kinds = {_number_kind(column_type) for _, column_type in columns} - {None}
    if matching and kinds == {"integer", "float"}:
        listed = ", ".join(f"{label} ({column_type})" for label, column_type in columns)
        raise node_error(
            run,
            option,
            f"{listed}: whole numbers and floating-point numbers do not match reliably as {purpose}; "
            "convert one first with transform.cast or transform.derive",
        )
    if pa.types.is_nested(value_type):
        raise node_error(run, option, f"{columns[0][0]} has type {value_type}, which cannot be {purpose}")
    return value_type


def _number_kind(value_type: pa.DataType) -> str | None:
    import pyarrow as pa

    if pa.types.is_integer(value_type):
        return "integer"
    if pa.types.is_floating(value_type):
        return "float"
    return None


def describe_key(table: pa.Table, names: Sequence[str], row: int) -> str:
    """The key values of one row, for messages: ``(customer_id=7, region='east')``."""
    shown = []
    for name in names:
        value = table.column(name)[row].as_py()
        shown.append(
            f"{name}={'null' if value is None else repr(value) if isinstance(value, str) else value}"
        )
    return "(" + ", ".join(shown) + ")"
