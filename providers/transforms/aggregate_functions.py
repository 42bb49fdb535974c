"""The functions of ``transform.aggregate``: how each is written, checked and computed in parts.

Every function is computed per input batch (a partial result per group) and the partial
results are then combined, so memory holds one row per group, not the input. Only
``count_distinct`` keeps more: the distinct values of its column per group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, Field

from dag_factory.spec.suggestions import did_you_mean

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class AggregateFunction:
    """How one function is computed from partial results.

    :param partials: Hash aggregations run on each batch (``count_all`` takes no column).
    :param combine: For each partial, the aggregation that merges partials of one group.
    :param numeric: Whether the column must hold numbers.
    """

    partials: tuple[str, ...]
    combine: tuple[str, ...]
    numeric: bool = False


FUNCTIONS: dict[str, AggregateFunction] = {
    "count": AggregateFunction(("count",), ("sum",)),
    "sum": AggregateFunction(("sum",), ("sum",), numeric=True),
    "min": AggregateFunction(("min",), ("min",)),
    "max": AggregateFunction(("max",), ("max",)),
    "mean": AggregateFunction(("sum", "count"), ("sum", "sum"), numeric=True),
    "first": AggregateFunction(("first",), ("first",)),
    "last": AggregateFunction(("last",), ("last",)),
    # Kept as distinct (group, value) pairs; counted when all input is read.
    "count_distinct": AggregateFunction((), ()),
}
COUNT_ALL = AggregateFunction(("count_all",), ("sum",))
ALL_ROWS = "*"

_CALL = re.compile(r"^\s*(?P<function>\w+)\s*\(\s*(?P<column>[^()]*?)\s*\)\s*$")


@dataclass(frozen=True)
class Aggregation:
    """One output column: ``function`` over ``column`` (``*`` for ``count(*)``)."""

    function: str
    column: str

    @property
    def spec(self) -> AggregateFunction:
        """How the function is computed."""
        return COUNT_ALL if self.column == ALL_ROWS else FUNCTIONS[self.function]


def parse_aggregation(text: str) -> Aggregation:
    """Read ``fn(column)``; a ``ValueError`` says what is wrong."""
    match = _CALL.match(text)
    if match is None:
        raise ValueError(f"expected function(column), like sum(amount) or count(*), got {text!r}")
    function, column = match["function"].lower(), match["column"]
    if function not in FUNCTIONS:
        raise ValueError(
            f"unknown function {function}(){did_you_mean(function, FUNCTIONS)}; known: {', '.join(FUNCTIONS)}"
        )
    if not column:
        raise ValueError(f"{function}() needs a column, like {function}(amount)")
    if column == ALL_ROWS and function != "count":
        raise ValueError(f"{function}(*) is not defined; only count(*) counts rows")
    return Aggregation(function, column)


def _parses(text: str) -> str:
    parse_aggregation(text)
    return text


AggregationText = Annotated[
    str,
    AfterValidator(_parses),
    Field(min_length=1, examples=["sum(amount)", "count(*)"]),
]
"""``fn(column)`` with fn one of :data:`FUNCTIONS`; the column is checked when the input is known."""


def is_numeric(data_type: pa.DataType) -> bool:
    """Whether ``sum`` and ``mean`` accept columns of ``data_type``."""
    import pyarrow as pa

    return pa.types.is_integer(data_type) or pa.types.is_floating(data_type) or pa.types.is_decimal(data_type)
