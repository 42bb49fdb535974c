"""The three workloads as our pipeline specs, with the same settings the plain baselines use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transform_baseline import AGGREGATIONS, CHAIN_CASTS, CHAIN_DERIVED, CHAIN_WHERE, GROUP_BY, JOIN_KEY

WORKLOADS = ("chain", "aggregate", "join")
CONTENDERS = ("ours", "pyarrow", "pandas")


@dataclass(frozen=True)
class Workload:
    """How a workload is shown in the report."""

    name: str
    title: str
    ours: str
    pyarrow: str
    pandas: str


DESCRIPTIONS = {
    "chain": Workload(
        "chain",
        "filter + 3 derived columns + cast",
        "`source.file` → `transform.filter` → `transform.derive` → `transform.cast` → `sink.file`",
        "`Table.filter` (`and_kleene`), `pc.round`/`utf8_upper`/`month`, `pc.cast`",
        "boolean mask, `assign` with `round(2)`/`str.upper`/`dt.month`/`astype`",
    ),
    "aggregate": Workload(
        "aggregate",
        f"group by `{GROUP_BY}`, 5 aggregates",
        "`source.file` → `transform.aggregate` → `sink.file`",
        "`Table.group_by(...).aggregate(...)`",
        "`groupby(sort=False, dropna=False).agg(...)`",
    ),
    "join": Workload(
        "join",
        f"inner join with the 100k-row dimension on `{JOIN_KEY}`",
        "2 \N{MULTIPLICATION SIGN} `source.file` → `transform.join` → `sink.file`",
        "`Table.join(..., join_type='inner')`",
        "`DataFrame.merge(..., how='inner')`",
    ),
}


def _node(node_id: str, node_type: str, inputs: list[str], config: dict[str, Any]) -> str:
    data: dict[str, Any] = {"id": node_id, "type": node_type}
    if inputs:
        data["inputs"] = inputs
    data["config"] = config
    # A JSON object is a YAML flow mapping: no quoting rules to get wrong in the expressions.
    return f"  - {json.dumps(data)}\n"


def pipeline_spec(workload: str, dag_id: str, fact: Path, dimension: Path, output: Path) -> str:
    """The spec of ``workload`` reading ``fact`` (and ``dimension``) and writing ``output``."""
    head = f"apiVersion: aggregator/v1\nid: {dag_id}\nnodes:\n"
    read_fact = _node("read_fact", "source.file", [], {"path": str(fact)})
    write = {"path": str(output)}
    if workload == "chain":
        return (
            head
            + read_fact
            + _node("keep", "transform.filter", ["read_fact"], {"where": CHAIN_WHERE})
            + _node("enrich", "transform.derive", ["keep"], {"columns": CHAIN_DERIVED})
            + _node("convert", "transform.cast", ["enrich"], {"columns": CHAIN_CASTS})
            + _node("write", "sink.file", ["convert"], write)
        )
    if workload == "aggregate":
        config = {"group_by": [GROUP_BY], "aggregations": AGGREGATIONS}
        return (
            head
            + read_fact
            + _node("per_customer", "transform.aggregate", ["read_fact"], config)
            + _node("write", "sink.file", ["per_customer"], write)
        )
    if workload == "join":
        return (
            head
            + read_fact
            + _node("read_customers", "source.file", [], {"path": str(dimension)})
            + _node("with_customer", "transform.join", ["read_fact", "read_customers"], {"on": [JOIN_KEY]})
            + _node("write", "sink.file", ["with_customer"], write)
        )
    raise ValueError(f"unknown workload {workload!r}; known: {', '.join(WORKLOADS)}")
