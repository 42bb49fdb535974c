"""``transform.cast``: convert columns to other types, failing, nulling or routing bad values (streamed)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_KEYS, DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig
from providers.transforms.cast_type_names import CastTypeName

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData
    from providers.transforms.rejects_file import RejectsFile


class CastConfig(ComponentConfig):
    """Settings of a ``transform.cast`` node."""

    columns: Annotated[dict[str, CastTypeName], COLUMN_KEYS] = Field(
        min_length=1, description="Column name → type to convert it to, e.g. {amount: float64}."
    )
    on_error: Literal["fail", "null", "route"] = Field(
        default="fail",
        description=(
            "A value that does not convert: fail the run, naming it and its row (fail); make it "
            "null (null); or move its row, unconverted, to a Parquet rejects file (rejects_path) "
            "with an _error column saying why (route)."
        ),
    )
    rejects_path: str | None = Field(
        default=None,
        min_length=1,
        description=(
            "With on_error: route, where to write the rejected rows (a Parquet file path relative "
            "to the spec, or a URL). Default: <staging_url>/@rejects/<pipeline>/<run>/<node>.parquet, "
            "which the clean-up of a successful run's staged data keeps."
        ),
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS

    @model_validator(mode="after")
    def _rejects_need_routing(self) -> CastConfig:
        if self.rejects_path is not None and self.on_error != "route":
            raise ValueError("rejects_path applies only with on_error: route")
        return self


@dataclass
class _Position:
    """Rows of the input seen before the current batch, for row numbers in messages."""

    rows: int = 0


def cast_columns(run: NodeRun, config: CastConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the input with the columns converted; bad values are handled as ``on_error`` says."""
    import pyarrow as pa

    from providers.transforms.cast_type_names import cast_arrow_type
    from providers.transforms.expression_batches import map_batches

    reader = inputs[0].reader(config.batch_rows)
    targets = {name: cast_arrow_type(type_name) for name, type_name in config.columns.items()}
    _check_columns(run, reader.schema, targets, config.columns)
    schema = pa.schema(
        [field.with_type(targets[field.name]) if field.name in targets else field for field in reader.schema],
        metadata=reader.schema.metadata,
    )
    if config.on_error == "route":
        return _routed(run, config, reader, schema, targets)
    if config.on_error == "null":
        run.metrics["values_nulled"] = 0
    position = _Position()
    return map_batches(reader, schema, lambda table: _convert(run, config, table, targets, position), run)


def _routed(
    run: NodeRun,
    config: CastConfig,
    reader: pa.RecordBatchReader,
    schema: pa.Schema,
    targets: dict[str, pa.DataType],
) -> pa.RecordBatchReader:
    """The converted rows; the others go to the rejects file, which is complete when the stream ends."""
    import pyarrow as pa

    from providers.transforms.expression_batches import map_batches
    from providers.transforms.node_errors import node_error
    from providers.transforms.rejects_file import ERROR_COLUMN, RejectsFile, rejects_path

    if ERROR_COLUMN in reader.schema.names:
        raise node_error(
            run, "on_error", f"the input already has a column {ERROR_COLUMN!r}; rename it to route rejects"
        )

    def batches() -> Iterator[pa.RecordBatch]:
        target = rejects_path(run, config.rejects_path)
        with RejectsFile(target, reader.schema, keep=not run.preview) as rejects:
            step = partial(_route, targets=targets, type_names=config.columns, rejects=rejects)
            yield from map_batches(reader, schema, step, run)
        run.metrics["rows_rejected"] = rejects.rows
        if rejects.rows and rejects.keep:
            run.metrics["rejects_uri"] = str(rejects.target)
            run.log.warning(
                "%d row(s) had values that do not convert; written to %s", rejects.rows, rejects.target
            )

    return pa.RecordBatchReader.from_batches(schema, batches())


def _check_columns(
    run: NodeRun, schema: pa.Schema, targets: dict[str, pa.DataType], type_names: dict[str, str]
) -> None:
    from providers.transforms.input_columns import require_column
    from providers.transforms.node_errors import node_error
    from providers.transforms.safe_cast import castable

    for name, target in targets.items():
        config_name = type_names[name]
        require_column(run, f"columns.{name}", name, schema)
        source = schema.field(name).type
        if not castable(source, target):
            raise node_error(
                run, f"columns.{name}", f"a {source} column cannot be converted to {config_name}"
            )


def _convert(
    run: NodeRun, config: CastConfig, table: pa.Table, targets: dict[str, pa.DataType], position: _Position
) -> pa.Table:
    from providers.transforms.node_errors import node_error
    from providers.transforms.safe_cast import cast_or_mask, shown

    for name, target in targets.items():
        column = table.column(name)
        converted, bad = cast_or_mask(column, target)
        if bad is not None and config.on_error == "fail":
            row = int(bad.argmax())
            raise node_error(
                run,
                f"columns.{name}",
                f"{shown(column[row].as_py())} (input row {position.rows + row + 1}) cannot be converted "
                f"to {config.columns[name]}; set on_error to null or route to keep going",
            )
        if bad is not None:
            run.metrics["values_nulled"] += int(bad.sum())
        table = table.set_column(table.schema.get_field_index(name), name, converted)
    position.rows += table.num_rows
    return table


def _route(
    table: pa.Table, targets: dict[str, pa.DataType], type_names: dict[str, str], rejects: RejectsFile
) -> pa.Table:
    import numpy as np
    import pyarrow as pa

    from providers.transforms.safe_cast import cast_or_mask

    converted: dict[str, pa.ChunkedArray | pa.Array] = {}
    masks: dict[str, np.ndarray] = {}
    for name, target in targets.items():
        converted[name], bad = cast_or_mask(table.column(name), target)
        if bad is not None:
            masks[name] = bad
    if masks:
        rejected = np.logical_or.reduce(list(masks.values()))
        rows = table.filter(pa.array(rejected))
        rejects.write(rows, _reasons(table, masks, type_names, rejected))
        kept = pa.array(~rejected)
        table = table.filter(kept)
        converted = {name: values.filter(kept) for name, values in converted.items()}
    for name, values in converted.items():
        table = table.set_column(table.schema.get_field_index(name), name, values)
    return table


def _reasons(
    table: pa.Table, masks: dict[str, np.ndarray], type_names: dict[str, str], rejected: np.ndarray
) -> list[str]:
    """One message per rejected row, naming each of its values that did not convert."""
    from providers.transforms.safe_cast import shown

    reasons = []
    for row in rejected.nonzero()[0]:
        parts = [
            f"{name}: {shown(table.column(name)[row].as_py())} cannot be converted to {type_names[name]}"
            for name, bad in masks.items()
            if bad[row]
        ]
        reasons.append("; ".join(parts))
    return reasons


COMPONENT = ComponentType(
    name="transform.cast",
    category=Category.TRANSFORM,
    title="Convert column types",
    description=(
        "Converts columns to other types (int64, float64, decimal(18, 2), date, timestamp...); a value "
        "that does not convert fails the run, becomes null, or moves its row to a rejects file. "
        "Streams batch by batch."
    ),
    config_model=CastConfig,
    executor="providers.components.cast_transform:cast_columns",
    inputs=Arity(1, 1),
    icon="type",
    fusable=True,
    example={"columns": {"amount": "decimal(18, 2)", "ordered_at": "timestamp[tz=UTC]"}, "on_error": "route"},
)
