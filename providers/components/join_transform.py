"""``transform.join``: SQL joins of two inputs on key columns (inner, left, right, full, semi, anti)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, LARGE_BATCH_ROWS, BatchRows, ComponentConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData
    from providers.transforms.row_matching import RightKeys

LEFT = "the left input (first)"
RIGHT = "the right input (second)"

#: Joins whose output rows each come from one left row: they stream the left input.
STREAMING_JOINS = ("inner", "left", "semi", "anti")


class JoinConfig(ComponentConfig):
    """Settings of a ``transform.join`` node."""

    how: Literal["inner", "left", "right", "full", "semi", "anti"] = Field(
        default="inner",
        description=(
            "inner: matching pairs; left/right/full: also the unmatched rows of that side (or both), "
            "with nulls for the other side; semi: left rows that have a match; anti: left rows "
            "that have none. Null keys never match."
        ),
    )
    on: Annotated[list[str] | None, COLUMN_VALUES] = Field(
        default=None, min_length=1, description="Key columns, named alike in both inputs."
    )
    left_on: Annotated[list[str] | None, COLUMN_VALUES] = Field(
        default=None, min_length=1, description="Key columns of the left (first) input, instead of on."
    )
    right_on: Annotated[list[str] | None, COLUMN_VALUES] = Field(
        default=None,
        min_length=1,
        description="Key columns of the right (second) input, paired in order with left_on.",
    )
    suffixes: list[str] = Field(
        default=["", "_right"],
        min_length=2,
        max_length=2,
        description="[left, right]: added to non-key columns named alike in both inputs.",
    )
    batch_rows: BatchRows = Field(
        default=LARGE_BATCH_ROWS,
        description="Rows of the streamed input joined at a time: each time costs a pass over the "
        "other input's keys, so batches are large; smaller ones hold less in memory.",
    )

    @model_validator(mode="after")
    def _keys_given_once(self) -> Self:
        if self.on is not None and (self.left_on is not None or self.right_on is not None):
            raise ValueError("give either on, or left_on and right_on, not both")
        if self.on is None and (self.left_on is None or self.right_on is None):
            raise ValueError("give the key columns: on, or left_on and right_on")
        if self.on is None and len(self.left_on or []) != len(self.right_on or []):
            raise ValueError("left_on and right_on must name as many columns each")
        if self.suffixes[0] == self.suffixes[1]:
            raise ValueError("the two suffixes must differ, or clashing names would stay clashing")
        return self

    @property
    def keys(self) -> tuple[list[str], list[str]]:
        """Left and right key columns."""
        if self.on is not None:
            return list(self.on), list(self.on)
        return list(self.left_on or []), list(self.right_on or [])


@dataclass(frozen=True)
class JoinPlan:
    """What a join outputs, worked out from the two schemas before any row is read.

    :param left_keys: Key columns of the left input.
    :param right_keys: Key columns of the right input, paired with ``left_keys``.
    :param key_types: The type each key pair is compared (and output) as.
    :param left_names: Output name of each left column, in left order.
    :param right_names: Right non-key column → output name, in right order.
    :param schema: The output schema.
    """

    left_keys: list[str]
    right_keys: list[str]
    key_types: list[pa.DataType]
    left_names: dict[str, str]
    right_names: dict[str, str]
    schema: pa.Schema


def plan_join(run: NodeRun, config: JoinConfig, left: pa.Schema, right: pa.Schema) -> JoinPlan:
    """Check the keys against both schemas and name the output columns; errors name node and column."""
    import pyarrow as pa

    from providers.transforms.column_agreement import common_type, require_distinct, require_side_columns

    left_keys, right_keys = config.keys
    left_option, right_option = ("on", "on") if config.on is not None else ("left_on", "right_on")
    require_side_columns(run, left_option, left_keys, left, LEFT)
    require_side_columns(run, right_option, right_keys, right, RIGHT)
    key_types = [
        common_type(
            run,
            left_option,
            [(f"'{lk}' of {LEFT}", left.field(lk).type), (f"'{rk}' of {RIGHT}", right.field(rk).type)],
            "a join key",
            matching=True,
        )
        for lk, rk in zip(left_keys, right_keys, strict=True)
    ]
    if config.how in ("semi", "anti"):
        right_columns: list[str] = []
    else:
        right_columns = [name for name in right.names if name not in right_keys]
    clashing = set(right_columns) & set(left.names)
    left_suffix, right_suffix = config.suffixes
    left_names = {
        name: name + left_suffix if name in clashing and name not in left_keys else name
        for name in left.names
    }
    right_names = {name: name + right_suffix if name in clashing else name for name in right_columns}
    names = [*left_names.values(), *right_names.values()]
    require_distinct(run, "suffixes", names, "after adding the suffixes, output column")
    key_type_of = dict(zip(left_keys, key_types, strict=True))
    fields = [pa.field(left_names[name], key_type_of.get(name, left.field(name).type)) for name in left.names]
    fields += [pa.field(right_names[name], right.field(name).type) for name in right_columns]
    return JoinPlan(left_keys, right_keys, key_types, left_names, right_names, pa.schema(fields))


def join_tables(plan: JoinPlan, how: str, left: pa.Table, right: pa.Table, keys: RightKeys) -> pa.Table:
    """Join ``left`` with ``right`` (whose keys are ``keys``) as ``plan`` says."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from providers.transforms.row_matching import LEFT_ROW, key_table, matched_rows

    left_rows, right_rows = matched_rows(key_table(left, plan.left_keys, plan.key_types, LEFT_ROW), keys, how)
    arrays = []
    for name in plan.left_names:
        column = left.column(name).take(left_rows)
        if name in plan.left_keys:
            position = plan.left_keys.index(name)
            column = column.cast(plan.key_types[position])
            if right_rows is not None:
                # A right or full join's unmatched right rows carry their key in the key column.
                right_key = right.column(plan.right_keys[position]).cast(plan.key_types[position])
                column = pc.coalesce(column, right_key.take(right_rows))
        arrays.append(column)
    arrays += [right.column(name).take(right_rows) for name in plan.right_names]
    return pa.Table.from_arrays(arrays, schema=plan.schema)


def join_inputs(
    run: NodeRun, config: JoinConfig, inputs: Sequence[StagedData]
) -> pa.RecordBatchReader | pa.Table:
    """Join the first input (left) with the second (right); the left one streams for inner/left/semi/anti."""
    from providers.transforms.expression_batches import map_batches
    from providers.transforms.row_matching import right_keys

    left_reader = inputs[0].reader(config.batch_rows)
    right_reader = inputs[1].reader(config.batch_rows)
    plan = plan_join(run, config, left_reader.schema, right_reader.schema)
    right = right_reader.read_all()
    keys = right_keys(right, plan.right_keys, plan.key_types)
    if config.how in STREAMING_JOINS:
        return map_batches(
            left_reader,
            plan.schema,
            lambda batch: join_tables(plan, config.how, batch, right, keys),
            run,
            min_rows=config.batch_rows,
        )
    # Unmatched right rows are known only once every left row has been seen.
    return join_tables(plan, config.how, left_reader.read_all(), right, keys)


COMPONENT = ComponentType(
    name="transform.join",
    category=Category.TRANSFORM,
    title="Join",
    description=(
        "Joins two inputs on key columns, like SQL (null keys never match): the first input is the "
        "left side, the second the right. The right input is read whole into memory; the left one "
        "streams batch by batch for inner, left, semi and anti joins, while right and full joins "
        "read it whole too. Output: the left columns, then the right non-key columns."
    ),
    config_model=JoinConfig,
    executor="providers.components.join_transform:join_inputs",
    inputs=Arity(2, 2),
    fusable=True,
    icon="merge",
    example={"how": "left", "on": ["customer_id"], "suffixes": ["", "_customer"]},
)
