"""``transform.fill_nulls``: replace nulls with literal values (row-wise, streamed)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_KEYS, DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData

# bool before int: YAML's true must not become 1. Dates come from unquoted YAML dates.
Literal = bool | int | float | str | datetime.datetime | datetime.date

#: Kinds of column (:func:`providers.expressions.value_types.kind_of`) ``value`` fills, by literal type.
KINDS_FILLED_BY = {
    bool: {"bool"},
    int: {"int", "float", "decimal"},
    float: {"float", "decimal"},
    str: {"string"},
    datetime.datetime: {"timestamp"},
    datetime.date: {"date"},
}


class FillNullsConfig(ComponentConfig):
    """Settings of a ``transform.fill_nulls`` node."""

    values: Annotated[dict[str, Literal], COLUMN_KEYS] = Field(
        default_factory=dict,
        description=(
            "Column name → value its nulls become. The value must fit the column: a number for "
            "number columns, true/false for booleans, text for text, and text such as "
            "'2026-01-31' for dates and timestamps."
        ),
    )
    value: Literal | None = Field(
        default=None,
        description=(
            "Value for the nulls of every other column it fits: a whole number fills integer, "
            "float and decimal columns; a decimal number float and decimal columns; text fills "
            "text columns; true/false boolean columns."
        ),
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS

    @model_validator(mode="after")
    def _something_to_fill(self) -> FillNullsConfig:
        if not self.values and self.value is None:
            raise ValueError("set values (per column), value (for all columns it fits), or both")
        return self


def fill_nulls(run: NodeRun, config: FillNullsConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the input with nulls replaced; columns without a fill value pass through untouched."""
    from providers.transforms.expression_batches import map_batches

    reader = inputs[0].reader(config.batch_rows)
    fills = fill_values(run, config, reader.schema)

    def fill(table: pa.Table) -> pa.Table:
        import pyarrow.compute as pc

        for name, scalar in fills.items():
            index = table.schema.get_field_index(name)
            table = table.set_column(
                index, table.schema.field(index), pc.fill_null(table.column(index), scalar)
            )
        return table

    return map_batches(reader, reader.schema, fill, run)


def fill_values(run: NodeRun, config: FillNullsConfig, schema: pa.Schema) -> dict[str, pa.Scalar]:
    """Column name → Arrow scalar of the column's type, for every column to fill; checks the config
    against ``schema`` before any row is read."""
    from providers.expressions.value_types import kind_of
    from providers.transforms.input_columns import require_column

    fills = {}
    for name, literal in config.values.items():
        require_column(run, f"values.{name}", name, schema)
        fills[name] = _scalar(run, f"values.{name}", name, literal, schema.field(name).type)
    if config.value is not None:
        kinds = KINDS_FILLED_BY[type(config.value)]
        fitting = [field for field in schema if field.name not in fills and kind_of(field.type) in kinds]
        if not fitting:
            run.log.warning(
                "value %r fits no other column (%s columns)", config.value, " or ".join(sorted(kinds))
            )
        for field in fitting:
            fills[field.name] = _scalar(run, "value", field.name, config.value, field.type)
    return fills


def _scalar(run: NodeRun, option: str, column: str, literal: Any, target: pa.DataType) -> pa.Scalar:
    """``literal`` as a scalar of ``target``, if it fits without loss."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from providers.expressions.value_types import kind_of
    from providers.transforms.node_errors import node_error
    from providers.transforms.safe_cast import shown

    misfit = node_error(run, option, f"{shown(literal)} does not fit column {column!r} of type {target}")
    kind = kind_of(target)
    # Arrow would read true as 1 and '5' as 5; a fill value must already be of the column's kind.
    if isinstance(literal, bool) != (kind == "bool") or (
        isinstance(literal, str) and kind in ("int", "float")
    ):
        raise misfit
    if kind == "decimal" and isinstance(literal, int | float):
        # Arrow casts int64 to a decimal only if every int64 fits; this one value may well fit.
        literal = Decimal(str(literal))
    try:
        scalar = pa.scalar(literal).cast(target, safe=True)
        pc.fill_null(pa.nulls(1, target), scalar)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError, OverflowError):
        raise misfit from None
    return scalar


COMPONENT = ComponentType(
    name="transform.fill_nulls",
    category=Category.TRANSFORM,
    title="Fill nulls",
    description=(
        "Replaces nulls with given values, per column or for every column a value fits; "
        "streams batch by batch."
    ),
    config_model=FillNullsConfig,
    executor="providers.components.fill_nulls_transform:fill_nulls",
    inputs=Arity(1, 1),
    icon="fill",
    fusable=True,
    example={"values": {"status": "unknown", "amount": 0}, "value": ""},
)
