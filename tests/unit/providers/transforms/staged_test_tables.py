"""Stage pyarrow tables as node inputs, and count how many input batches a node reads."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from airflow.sdk import ObjectStoragePath

from providers.execution.node_run import NodeRun
from providers.staging.manifest import StagedData
from providers.staging.writer import stage_batches


def stage(tmp_path: Path, table: pa.Table, name: str = "input") -> StagedData:
    """``table`` staged as a node's output."""
    return stage_batches(table, ObjectStoragePath(f"file://{tmp_path}/{name}.parquet"))


def node_run(tmp_path: Path, node_id: str = "node") -> NodeRun:
    """A run of ``node_id`` outside Airflow."""
    return NodeRun(node_id=node_id, dag_id="pipeline", run_id="run", spec_folder=tmp_path)


def orders(rows: int, seed: int = 7) -> pa.Table:
    """Orders with repeated keys and nulls in every column."""
    pick = random.Random(seed)

    def maybe(value: object) -> object:
        return None if pick.random() < 0.15 else value

    return pa.table(
        {
            "customer": pa.array([maybe(pick.randint(1, 6)) for _ in range(rows)], pa.int64()),
            "region": pa.array(
                [maybe(pick.choice(["east", "west", "north"])) for _ in range(rows)], pa.string()
            ),
            "amount": pa.array([maybe(round(pick.uniform(1, 100), 2)) for _ in range(rows)], pa.float64()),
            "quantity": pa.array([maybe(pick.randint(1, 4)) for _ in range(rows)], pa.int32()),
            "order_id": pa.array(range(rows), pa.int64()),
        }
    )


class BatchCounter:
    """How many batches were read from staged inputs."""

    def __init__(self) -> None:
        self.batches = 0


def count_batches(monkeypatch: pytest.MonkeyPatch) -> BatchCounter:
    """Count the batches every staged input yields from now on."""
    import providers.files.parquet_batches as parquet_batches

    counter = BatchCounter()
    original = parquet_batches.row_group_batches

    def counted(parquet: object, batch_rows: int) -> Iterator[pa.RecordBatch]:
        for batch in original(parquet, batch_rows):
            counter.batches += 1
            yield batch

    monkeypatch.setattr(parquet_batches, "row_group_batches", counted)
    return counter
