"""``transform.select``: keep, drop, rename and reorder columns (row-wise, streamed, zero-copy)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import (
    COLUMN_KEYS,
    COLUMN_VALUES,
    DEFAULT_BATCH_ROWS,
    BatchRows,
    ComponentConfig,
)

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class SelectConfig(ComponentConfig):
    """Settings of a ``transform.select`` node."""

    columns: Annotated[list[str] | None, COLUMN_VALUES] = Field(
        default=None,
        min_length=1,
        description="Keep exactly these input columns, in this order (default: all, in input order).",
    )
    drop: Annotated[list[str], COLUMN_VALUES] = Field(
        default_factory=list, description="Input columns to leave out."
    )
    rename: Annotated[dict[str, str], COLUMN_KEYS] = Field(
        default_factory=dict, description="Input column name → output name, for kept columns."
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS

    @model_validator(mode="after")
    def _options_agree(self) -> SelectConfig:
        if self.columns is None and not self.drop and not self.rename:
            raise ValueError("set at least one of columns, drop or rename")
        for option, names in (("columns", self.columns or []), ("drop", self.drop)):
            twice = [name for name, count in Counter(names).items() if count > 1]
            if twice:
                raise ValueError(f"{option} names {twice[0]!r} twice")
        both = [name for name in self.drop if name in (self.columns or [])]
        if both:
            raise ValueError(f"column {both[0]!r} is both kept (columns) and dropped (drop)")
        empty = [old for old, new in self.rename.items() if not new or not old]
        if empty:
            raise ValueError("rename: column names cannot be empty")
        twice = [new for new, count in Counter(self.rename.values()).items() if count > 1]
        if twice:
            raise ValueError(f"rename gives two columns the name {twice[0]!r}")
        return self


def select_columns(run: NodeRun, config: SelectConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the input with the chosen columns, renamed; batches share the input's buffers."""
    import pyarrow as pa

    from providers.transforms.expression_batches import map_batches

    reader = inputs[0].reader(config.batch_rows)
    kept = output_columns(run, config, reader.schema)
    indices = [reader.schema.get_field_index(old) for old, _ in kept]
    schema = pa.schema(
        [reader.schema.field(old).with_name(new) for old, new in kept], metadata=reader.schema.metadata
    )
    return map_batches(reader, schema, lambda table: table.select(indices).rename_columns(schema.names), run)


def output_columns(run: NodeRun, config: SelectConfig, schema: pa.Schema) -> list[tuple[str, str]]:
    """``(input name, output name)`` of every output column, in output order; checks the config
    against ``schema`` first."""
    from providers.transforms.input_columns import require_column, require_columns
    from providers.transforms.node_errors import node_error

    require_columns(run, "columns", config.columns or [], schema)
    require_columns(run, "drop", config.drop, schema)
    for old in config.rename:
        require_column(run, f"rename.{old}", old, schema)
    if len(set(schema.names)) != len(schema.names):
        twice = next(name for name, count in Counter(schema.names).items() if count > 1)
        raise node_error(
            run, "columns", f"the input has two columns named {twice!r}; select cannot tell them apart"
        )
    kept = [name for name in (config.columns or schema.names) if name not in config.drop]
    if not kept:
        raise node_error(run, "drop", "no column would be left")
    for old in config.rename:
        if old not in kept:
            raise node_error(run, f"rename.{old}", f"column {old!r} is not kept, so it cannot be renamed")
    pairs = [(name, config.rename.get(name, name)) for name in kept]
    owners = Counter(new for _, new in pairs)
    for old, new in pairs:
        if owners[new] > 1 and old != new:
            raise node_error(run, f"rename.{old}", f"{new!r} is already the name of a kept column")
    return pairs


COMPONENT = ComponentType(
    name="transform.select",
    category=Category.TRANSFORM,
    title="Select columns",
    description=("Keeps, drops, renames and reorders columns; streams batch by batch without copying data."),
    config_model=SelectConfig,
    executor="providers.components.select_transform:select_columns",
    inputs=Arity(1, 1),
    icon="columns",
    fusable=True,
    example={"columns": ["order_id", "amount", "status"], "rename": {"amount": "amount_eur"}},
)
