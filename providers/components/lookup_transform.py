"""``transform.lookup``: enrich a stream with columns of a small table, matched on key columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import (
    COLUMN_KEYS,
    COLUMN_VALUES,
    LARGE_BATCH_ROWS,
    BatchRows,
    ComponentConfig,
)

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData
    from providers.transforms.row_matching import RightKeys

MAIN = "the main input (first)"
LOOKUP = "the lookup input (second)"


class LookupConfig(ComponentConfig):
    """Settings of a ``transform.lookup`` node."""

    on: Annotated[list[str], COLUMN_VALUES] = Field(
        min_length=1, description="Key columns, named alike in both inputs."
    )
    columns: Annotated[list[str] | None, COLUMN_VALUES] = Field(
        default=None,
        min_length=1,
        description="Lookup columns to add, in this order (default: every non-key lookup column).",
    )
    rename: Annotated[dict[str, str], COLUMN_KEYS] = Field(
        default_factory=dict, description="Lookup column → name it gets in the output."
    )
    on_missing: Literal["null", "fail", "drop"] | None = Field(
        default=None,
        description=(
            "A main row whose key is not in the lookup input (or is null): null (or unset): keep it "
            "with null lookup columns; fail: fail the run, showing the key; drop: leave the row out."
        ),
    )
    batch_rows: BatchRows = Field(
        default=LARGE_BATCH_ROWS,
        description="Rows of the streamed input joined at a time: each time costs a pass over the "
        "other input's keys, so batches are large; smaller ones hold less in memory.",
    )

    @model_validator(mode="after")
    def _renames_added_columns(self) -> Self:
        unknown = [name for name in self.rename if self.columns is not None and name not in self.columns]
        if unknown:
            raise ValueError(f"rename: '{unknown[0]}' is not one of columns")
        return self


@dataclass(frozen=True)
class LookupPlan:
    """What a lookup adds, worked out from the two schemas before any row is read.

    :param keys: The key columns.
    :param key_types: The type each key is compared as (the two inputs' common type).
    :param added: Lookup column → output name, in output order.
    :param schema: The output schema: the main input's, then the added columns.
    """

    keys: list[str]
    key_types: list[pa.DataType]
    added: dict[str, str]
    schema: pa.Schema


def plan_lookup(run: NodeRun, config: LookupConfig, main: pa.Schema, lookup: pa.Schema) -> LookupPlan:
    """Check the config against both schemas; errors name the node, the field and the input."""
    import pyarrow as pa

    from dag_factory.spec.suggestions import did_you_mean
    from providers.transforms.column_agreement import (
        common_type,
        node_error,
        require_distinct,
        require_side_columns,
    )

    require_side_columns(run, "on", config.on, main, MAIN)
    require_side_columns(run, "on", config.on, lookup, LOOKUP)
    key_types = [
        common_type(
            run,
            "on",
            [(f"'{key}' of {MAIN}", main.field(key).type), (f"'{key}' of {LOOKUP}", lookup.field(key).type)],
            "a lookup key",
            matching=True,
        )
        for key in config.on
    ]
    columns = config.columns or [name for name in lookup.names if name not in config.on]
    if not columns:
        raise node_error(run, "columns", f"{LOOKUP} has no column besides the keys")
    require_side_columns(run, "columns", columns, lookup, LOOKUP)
    require_distinct(run, "columns", columns, "lookup column")
    added = {name: config.rename.get(name, name) for name in columns}
    for name in config.rename:
        if name not in added:
            raise node_error(
                run, f"rename.{name}", f"'{name}' is not a column the lookup adds{did_you_mean(name, added)}"
            )
    for name, output in added.items():
        if output in main.names:
            option = f"rename.{name}" if name in config.rename else "columns"
            raise node_error(
                run, option, f"'{output}' is already a column of {MAIN}; give it another name with rename"
            )
    require_distinct(run, "rename", list(added.values()), "output column")
    fields = [*main, *(lookup.field(name).with_name(output) for name, output in added.items())]
    return LookupPlan(list(config.on), key_types, added, pa.schema(fields))


def unique_lookup_keys(run: NodeRun, plan: LookupPlan, lookup: pa.Table) -> pa.Table:
    """``lookup`` without its null-key rows (they never match), after checking its keys are unique."""
    import pyarrow.compute as pc

    from providers.transforms.column_agreement import describe_key, node_error

    for key in plan.keys:
        lookup = lookup.filter(pc.is_valid(lookup.column(key)))
    counts = lookup.group_by(plan.keys, use_threads=False).aggregate([([], "count_all")])
    repeated = counts.filter(pc.greater(counts.column("count_all"), 1))
    if repeated.num_rows:
        rows = repeated.column("count_all")[0].as_py()
        raise node_error(
            run,
            "on",
            f"{LOOKUP} has {rows} rows for the key {describe_key(repeated, plan.keys, 0)}; its keys must "
            "be unique (deduplicate it first)",
        )
    return lookup


def look_up(
    run: NodeRun,
    config: LookupConfig,
    plan: LookupPlan,
    batch: pa.Table,
    lookup: pa.Table,
    lookup_keys: RightKeys,
) -> pa.Table:
    """``batch`` with the lookup columns of its matching rows, in the batch's row order."""
    import pyarrow as pa

    from providers.transforms.column_agreement import describe_key, node_error
    from providers.transforms.row_matching import LEFT_ROW, key_table, matched_rows

    how = "inner" if config.on_missing == "drop" else "left"
    batch_rows, lookup_rows = matched_rows(
        key_table(batch, plan.keys, plan.key_types, LEFT_ROW), lookup_keys, how
    )
    assert lookup_rows is not None  # inner and left joins give both sides' row numbers
    if config.on_missing == "fail" and lookup_rows.null_count:
        first = lookup_rows.to_pylist().index(None)
        missing = describe_key(batch, plan.keys, batch_rows[first].as_py())
        raise node_error(run, "on_missing", f"{LOOKUP} has no row for the key {missing}")
    arrays = [column.take(batch_rows) for column in batch.columns]
    arrays += [lookup.column(name).take(lookup_rows) for name in plan.added]
    return pa.Table.from_arrays(arrays, schema=plan.schema)


def lookup_columns(run: NodeRun, config: LookupConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the main input batch by batch, adding the columns of its rows' matches in the lookup input."""
    from providers.transforms.expression_batches import map_batches
    from providers.transforms.row_matching import right_keys

    main = inputs[0].reader(config.batch_rows)
    lookup_reader = inputs[1].reader(config.batch_rows)
    plan = plan_lookup(run, config, main.schema, lookup_reader.schema)
    lookup = unique_lookup_keys(run, plan, lookup_reader.read_all())
    lookup_keys = right_keys(lookup, plan.keys, plan.key_types)
    return map_batches(
        main,
        plan.schema,
        lambda batch: look_up(run, config, plan, batch, lookup, lookup_keys),
        run,
        min_rows=config.batch_rows,
    )


COMPONENT = ComponentType(
    name="transform.lookup",
    category=Category.TRANSFORM,
    title="Look up",
    description=(
        "Adds columns from a small table (the second input, read whole into memory, unique on the "
        "keys) to each row of the main input (the first), matched on key columns; the main input "
        "streams batch by batch and keeps its row order. Null keys never match."
    ),
    config_model=LookupConfig,
    executor="providers.components.lookup_transform:lookup_columns",
    inputs=Arity(2, 2),
    fusable=True,
    icon="book-open",
    example={
        "on": ["customer_id"],
        "columns": ["name", "region"],
        "rename": {"name": "customer_name"},
        "on_missing": "fail",
    },
)
