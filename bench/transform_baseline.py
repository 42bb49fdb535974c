"""The benchmark's workloads in plain pyarrow or plain pandas, run as a process of their own.

``python bench/transform_baseline.py {pyarrow,pandas} {chain,aggregate,join} OUT FACT [DIMENSION]``
imports the library's modules the workload uses, reads the Parquet input whole, computes, writes
``OUT`` and prints one JSON line with the seconds of each step. The imports are timed like the rest:
our pipeline's nodes import pyarrow inside the task, so its time includes that too. The semantics
follow our node types: a filter keeps the rows where the condition is true (false and null drop
the row), aggregates skip nulls, null keys never join (the data has none).
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable
from typing import Any

CHAIN_WHERE = "is_paid and quantity >= 10 and discount < 0.3"
CHAIN_DERIVED = {
    "revenue": "round(price * quantity * (1 - discount), 2)",
    "region_code": "upper(region)",
    "order_month": "month(created_at)",
}
CHAIN_CASTS = {"amount_text": "float64"}
GROUP_BY = "customer_id"
AGGREGATIONS = {
    "orders": "count(*)",
    "quantity": "sum(quantity)",
    "mean_price": "mean(price)",
    "discounts": "count(discount)",
    "last_created": "max(created_at)",
}
JOIN_KEY = "customer_id"


def pyarrow_chain(table: Any) -> Any:
    """Filter, three derived columns appended, ``amount_text`` converted in place."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # and_kleene is SQL's AND; filter() drops rows whose condition is null.
    keep = pc.and_kleene(
        pc.and_kleene(table["is_paid"], pc.greater_equal(table["quantity"], 10)),
        pc.less(table["discount"], 0.3),
    )
    table = table.filter(keep)
    gross = pc.multiply(pc.multiply(table["price"], table["quantity"]), pc.subtract(1, table["discount"]))
    table = table.append_column("revenue", pc.round(gross, 2, round_mode="half_to_even"))
    table = table.append_column("region_code", pc.utf8_upper(table["region"]))
    table = table.append_column("order_month", pc.month(table["created_at"]))
    position = table.schema.get_field_index("amount_text")
    return table.set_column(position, "amount_text", pc.cast(table["amount_text"], pa.float64()))


def pyarrow_aggregate(table: Any) -> Any:
    """One row per customer: count(*), sum, mean, count of non-null, max."""
    grouped = table.group_by(GROUP_BY).aggregate(
        [
            ([], "count_all"),
            ("quantity", "sum"),
            ("price", "mean"),
            ("discount", "count"),
            ("created_at", "max"),
        ]
    )
    names = {
        "count_all": "orders",
        "quantity_sum": "quantity",
        "price_mean": "mean_price",
        "discount_count": "discounts",
        "created_at_max": "last_created",
    }
    return grouped.rename_columns([names.get(name, name) for name in grouped.column_names])


def pyarrow_join(fact: Any, dimension: Any) -> Any:
    """Inner join on the customer key: the fact columns, then the dimension's others."""
    return fact.join(dimension, JOIN_KEY, join_type="inner")


def pandas_chain(frame: Any) -> Any:
    """As :func:`pyarrow_chain`; NaN compares false, which drops the row as SQL's null does."""
    frame = frame[frame["is_paid"] & (frame["quantity"] >= 10) & (frame["discount"] < 0.3)]
    frame = frame.assign(
        revenue=(frame["price"] * frame["quantity"] * (1 - frame["discount"])).round(2),
        region_code=frame["region"].str.upper(),
        order_month=frame["created_at"].dt.month,
        amount_text=frame["amount_text"].astype("float64"),
    )
    return frame


def pandas_aggregate(frame: Any) -> Any:
    """As :func:`pyarrow_aggregate`; ``count`` and ``mean`` skip NaN like the SQL functions skip null."""
    return (
        frame.groupby(GROUP_BY, sort=False, dropna=False)
        .agg(
            orders=("id", "size"),
            quantity=("quantity", "sum"),
            mean_price=("price", "mean"),
            discounts=("discount", "count"),
            last_created=("created_at", "max"),
        )
        .reset_index()
    )


def pandas_join(fact: Any, dimension: Any) -> Any:
    """As :func:`pyarrow_join`."""
    return fact.merge(dimension, on=JOIN_KEY, how="inner")


PYARROW_WORKLOADS: dict[str, Callable[..., Any]] = {
    "chain": pyarrow_chain,
    "aggregate": pyarrow_aggregate,
    "join": pyarrow_join,
}
PANDAS_WORKLOADS: dict[str, Callable[..., Any]] = {
    "chain": pandas_chain,
    "aggregate": pandas_aggregate,
    "join": pandas_join,
}


PYARROW_MODULES = ("pyarrow", "pyarrow.parquet", "pyarrow.dataset", "pyarrow.compute")
"""What plain pyarrow imports for every workload (``read_table`` imports ``pyarrow.dataset``)."""
ACERO_WORKLOADS = ("aggregate", "join")
"""Workloads whose ``group_by``/``join`` import ``pyarrow.acero`` on first use."""
PANDAS_MODULES = ("pandas", "pyarrow", "pyarrow.dataset")
"""What plain pandas imports (``read_parquet`` and ``to_parquet`` use pyarrow)."""


def import_modules(names: tuple[str, ...]) -> None:
    """Import ``names``, as the workload's first use of them would."""
    for name in names:
        importlib.import_module(name)


def run_pyarrow(workload: str, output: str, paths: list[str]) -> dict[str, float]:
    steps: dict[str, float] = {}
    modules = PYARROW_MODULES + (("pyarrow.acero",) if workload in ACERO_WORKLOADS else ())
    timed(steps, "import_seconds", lambda: import_modules(modules))
    import pyarrow.parquet as pq

    tables = timed(steps, "read_seconds", lambda: [pq.read_table(path) for path in paths])
    compute = PYARROW_WORKLOADS[workload]
    result = timed(steps, "compute_seconds", lambda: compute(*tables))
    timed(steps, "write_seconds", lambda: pq.write_table(result, output))
    return {**steps, "rows": result.num_rows}


def run_pandas(workload: str, output: str, paths: list[str]) -> dict[str, float]:
    steps: dict[str, float] = {}
    timed(steps, "import_seconds", lambda: import_modules(PANDAS_MODULES))
    import pandas as pd

    frames = timed(steps, "read_seconds", lambda: [pd.read_parquet(path) for path in paths])
    compute = PANDAS_WORKLOADS[workload]
    result = timed(steps, "compute_seconds", lambda: compute(*frames))
    timed(steps, "write_seconds", lambda: result.to_parquet(output, index=False))
    return {**steps, "rows": len(result)}


def timed(steps: dict[str, float], name: str, step: Callable[[], Any]) -> Any:
    """Run ``step``, recording its wall-clock seconds under ``name``."""
    started = time.perf_counter()
    value = step()
    steps[name] = time.perf_counter() - started
    return value


def main(argv: list[str]) -> int:
    library, workload, output, *paths = argv
    runner = {"pyarrow": run_pyarrow, "pandas": run_pandas}[library]
    print(json.dumps(runner(workload, output, paths)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
