"""File pipelines run end to end through Airflow's ``dag.test()``: globs, JSON Lines, partitions, reruns."""

import csv
import datetime
import gzip
import io
import json
import textwrap
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from dag_runs import metrics_of, run_dag

pytestmark = pytest.mark.usefixtures("airflow_db")


def write_daily_orders(folder: Path) -> list[dict]:
    """Three gzip CSV files of orders; returns the rows as Python's csv module reads them."""
    folder.mkdir(parents=True)
    expected = []
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        writer.writerow(["order_id", "day", "customer", "amount"])
        for n in range(5):
            writer.writerow([f"{day[-2:]}{n}", day, f"cust; {n % 2}", f"{n * 1.25:.2f}"])
        (folder / f"orders_{day}.csv.gz").write_bytes(gzip.compress(buffer.getvalue().encode()))
        expected += list(csv.DictReader(io.StringIO(buffer.getvalue()), delimiter=";"))
    return expected


GLOB_TO_PARTITIONS = textwrap.dedent(
    """\
    apiVersion: aggregator/v1
    id: file_glob_to_partitions
    nodes:
      - id: orders
        type: source.file
        config:
          path: raw/orders_*.csv.gz
          csv: {sniff: true}
          column_types: {order_id: string}
      - id: save
        type: sink.file
        inputs: [orders]
        config: {path: lake/orders, format: parquet, compression: zstd, partition_by: [day]}
    """
)


def test_glob_of_gzip_csvs_lands_as_partitioned_parquet(spec_folder, bundle):
    expected = write_daily_orders(spec_folder / "raw")
    (spec_folder / "pipeline.yaml").write_text(GLOB_TO_PARTITIONS)
    run = run_dag(bundle, "file_glob_to_partitions")
    assert run.state == "success"
    table = ds.dataset(spec_folder / "lake" / "orders", partitioning="hive").to_table()
    got = sorted((r["order_id"], str(r["day"]), r["customer"], r["amount"]) for r in table.to_pylist())
    assert got == sorted((r["order_id"], r["day"], r["customer"], float(r["amount"])) for r in expected)
    days = sorted(path.name for path in (spec_folder / "lake" / "orders").iterdir())
    assert days == ["day=2026-03-01", "day=2026-03-02", "day=2026-03-03"]
    source, sink = metrics_of(run, "orders"), metrics_of(run, "save")
    assert source["files_read"] == 3 and source["rows_out"] == len(expected)
    assert sink["rows_written"] == len(expected) and sink["files_written"] == 3
    files = sorted((spec_folder / "lake" / "orders").rglob("*.parquet"))
    assert sink["bytes_written"] == sum(path.stat().st_size for path in files)
    assert pq.read_metadata(files[0]).row_group(0).column(0).compression == "ZSTD"


JSONL_TO_CSV = textwrap.dedent(
    """\
    apiVersion: aggregator/v1
    id: file_jsonl_to_csv
    nodes:
      - id: events
        type: source.file
        config: {path: in/events.ndjson.gz, column_types: {at: "timestamp[us]"}}
      - id: export
        type: sink.file
        inputs: [events]
        config: {path: out/events.tsv}
    """
)


def test_jsonl_source_to_csv_sink(spec_folder, bundle):
    events = [
        {
            "id": i,
            "kind": ["click", "view", None][i % 3],
            "at": f"2026-03-0{1 + i % 3}T10:00:0{i % 10}",
            "n": i * 0.5,
        }
        for i in range(30)
    ]
    (spec_folder / "in").mkdir()
    lines = "".join(json.dumps(event) + "\n" for event in events)
    (spec_folder / "in" / "events.ndjson.gz").write_bytes(gzip.compress(lines.encode()))
    (spec_folder / "pipeline.yaml").write_text(JSONL_TO_CSV)
    run = run_dag(bundle, "file_jsonl_to_csv")
    assert run.state == "success"
    rows = list(csv.DictReader(io.StringIO((spec_folder / "out" / "events.tsv").read_text()), delimiter="\t"))
    assert [row["id"] for row in rows] == [str(event["id"]) for event in events]
    assert [row["kind"] or None for row in rows] == [event["kind"] for event in events]
    assert [row["at"] for row in rows] == [event["at"].replace("T", " ") + ".000000" for event in events]
    assert [float(row["n"]) for row in rows] == [event["n"] for event in events]
    assert metrics_of(run, "export")["rows_written"] == len(events)


RERUN_SPEC = textwrap.dedent(
    """\
    apiVersion: aggregator/v1
    id: file_partition_rerun
    nodes:
      - id: orders
        type: source.file
        config: {path: "raw/*.csv.gz", csv: {delimiter: ";"}, column_types: {order_id: string}}
      - id: save
        type: sink.file
        inputs: [orders]
        config: {path: lake, format: csv, compression: gzip, partition_by: [day]}
    """
)


def lake_rows(folder: Path) -> Counter:
    rows = Counter()
    for path in folder.rglob("*.csv.gz"):
        for row in csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode())):
            rows[(path.parent.name, row["order_id"])] += 1
    return rows


def test_rerunning_a_partitioned_write_does_not_duplicate_rows(spec_folder, bundle):
    from providers.files.partitioned_output import run_token

    expected = write_daily_orders(spec_folder / "raw")
    (spec_folder / "pipeline.yaml").write_text(RERUN_SPEC)
    first_date = datetime.datetime(2026, 3, 4, tzinfo=datetime.UTC)
    first = run_dag(bundle, "file_partition_rerun", logical_date=first_date)
    assert first.state == "success"
    once = Counter((f"day={row['day']}", row["order_id"]) for row in expected)
    assert lake_rows(spec_folder / "lake") == once

    # What a crashed attempt of the same run could leave: a finished extra part and a temporary.
    token = run_token(first.dag_id, first.run_id, "save")
    day_folder = spec_folder / "lake" / "day=2026-03-01"
    crashed = next(day_folder.glob("part-*.csv.gz")).read_bytes()
    (day_folder / f"part-{token}-00001.csv.gz").write_bytes(crashed)
    (day_folder / f".part-{token}-00002.csv.gz.abc.partial").write_bytes(b"half")

    again = run_dag(bundle, "file_partition_rerun", logical_date=first_date)
    assert again.state == "success" and again.run_id == first.run_id
    assert lake_rows(spec_folder / "lake") == once
    assert not list(day_folder.glob(".*.partial"))

    other = run_dag(bundle, "file_partition_rerun", logical_date=first_date + datetime.timedelta(days=1))
    assert other.state == "success" and other.run_id != first.run_id
    assert lake_rows(spec_folder / "lake") == Counter({key: 2 for key in once}), (
        "another run adds its own files"
    )


def test_a_bad_csv_row_fails_the_task_naming_node_file_and_row(spec_folder, bundle, capfd):
    (spec_folder / "bad.csv").write_text("a,b\n1,2\n3\n")
    (spec_folder / "pipeline.yaml").write_text(
        textwrap.dedent(
            """\
            apiVersion: aggregator/v1
            id: file_bad_row
            nodes:
              - {id: src, type: source.file, config: {path: bad.csv}}
            """
        )
    )
    run = run_dag(bundle, "file_bad_row")
    assert run.state == "failed"
    output = capfd.readouterr().out
    assert (
        "node 'src': file://" in output
        and "bad.csv: CSV parse error: Row #3: Expected 2 columns, got 1" in output
    )
