"""Errors of row-wise node types, worded ``node '<id>', <config field>: <what is wrong>``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from providers.execution.node_run import NodeRun
    from providers.transforms.input_columns import ColumnNodeError


def node_error(run: NodeRun, option: str, message: str) -> ColumnNodeError:
    """The error to raise when config field ``option`` does not fit the input (or a value in it)."""
    from providers.transforms.input_columns import ColumnNodeError

    return ColumnNodeError(f"node '{run.node_id}', {option}: {message}")
