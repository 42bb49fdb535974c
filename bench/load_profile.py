"""Where the time of our loads goes, step by step, outside Airflow.

Runs the node types' executors in this process (through the component registry, as the operator
does) on the benchmark's CSV, then repeats the sink's steps one by one: reading the staged
Parquet, encoding CSV with Arrow, COPY into a staging table, and the apply ``INSERT … SELECT``.
``--cprofile`` adds the top functions of the full sink executor. Needs the database of
``load_bench.py``; every table it fills is checked and dropped.

    .venv-bench/bin/python bench/load_profile.py --rows 1000000
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from load_data import write_csv_rows
from load_database import PSQL, URI, drop_tables, ensure_database, reset_state, reset_table, verify
from load_measure import measure_command
from load_pipeline import CONN_ID

TIMINGS: list[tuple[str, float]] = []


@contextmanager
def timed(step: str) -> Iterator[None]:
    """Time a step and report this process's peak RSS during it (Linux: the peak is reset first)."""
    Path("/proc/self/clear_refs").write_text("5")
    started = time.perf_counter()
    yield
    TIMINGS.append((step, time.perf_counter() - started))
    print(f"{step:<60} {TIMINGS[-1][1]:8.2f} s   peak RSS {peak_rss_mib():6.0f} MiB", flush=True)


def peak_rss_mib() -> float:
    """``VmHWM`` of this process: its peak RSS since the last reset."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def node_run(node_id: str, folder: Path) -> Any:
    from providers.execution.node_run import NodeRun

    run_id = f"profile_{time.time_ns()}"
    return NodeRun(node_id=node_id, dag_id="load_profile", run_id=run_id, spec_folder=folder)


def executor(node_type: str, config: dict[str, Any]) -> tuple[Callable[..., Any], Any]:
    from dag_factory.registry.catalog import default_registry

    component = default_registry().get(node_type)
    return component.load_executor(), component.config_model.model_validate(config)


def stage(reader: Any, path: Path) -> Any:
    from airflow.sdk import ObjectStoragePath

    from providers.staging.writer import stage_batches

    return stage_batches(reader, ObjectStoragePath(f"file://{path}"))


def profile_csv_source(csv: Path, folder: Path) -> Any:
    """``source.file``: read only, then read and stage as the operator does."""
    read, config = executor("source.file", {"path": str(csv)})
    with timed("source.file: read CSV into Arrow batches (no staging)"):
        rows = sum(batch.num_rows for batch in read(node_run("read_csv", folder), config, []))
    with timed("source.file: read CSV + stage Parquet (the task's work)"):
        staged = stage(read(node_run("read_csv", folder), config, []), folder / "read_csv.parquet")
    assert staged.rows == rows
    return staged


def profile_sink_steps(staged: Any, rows: int) -> None:
    """The sink's steps one by one, each on its own."""
    import pyarrow.csv as pacsv

    from providers.sql.postgres_copy import csv_ready

    with timed("sink.sql: read staged Parquet (65,536-row batches)"):
        batches = list(staged.reader(65_536))
    options = pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
    chunks = []
    with timed("sink.sql: csv_ready + Arrow write_csv (CSV encoding)"):
        for batch in batches:
            buffer = io.BytesIO()
            pacsv.write_csv(csv_ready(batch), buffer, options)
            chunks.append(buffer.getvalue())
    del batches
    with psycopg.connect(URI) as connection:
        connection.execute("DROP TABLE IF EXISTS profile_stage")
        connection.execute("CREATE UNLOGGED TABLE profile_stage (LIKE profile_target)")
        connection.commit()
        with timed("sink.sql: COPY the encoded CSV into an UNLOGGED table"), connection.cursor() as cursor:
            with cursor.copy("COPY profile_stage FROM STDIN (FORMAT csv)") as copy:
                for chunk in chunks:
                    copy.write(chunk)
            connection.commit()
        with timed("sink.sql: apply INSERT INTO target SELECT * FROM staging"):
            connection.execute("INSERT INTO profile_target SELECT * FROM profile_stage")
            connection.commit()
        connection.execute("DROP TABLE profile_stage")
        connection.commit()
    del chunks
    total = execute_scalar("SELECT count(*) FROM profile_target")
    assert total == rows, (total, rows)


def execute_scalar(sql: str) -> Any:
    with psycopg.connect(URI, autocommit=True) as connection:
        return connection.execute(sql).fetchone()[0]


def profile_sink(staged: Any, folder: Path, expected: Any, *, with_cprofile: bool) -> None:
    """The whole ``sink.sql`` executor, optionally under cProfile."""
    write, config = executor("sink.sql", {"conn_id": CONN_ID, "table": "profile_target", "mode": "append"})
    reset_table("profile_target")
    profiler = cProfile.Profile() if with_cprofile else None
    with timed("sink.sql: whole executor (stage COPY + apply)"):
        if profiler:
            profiler.enable()
        write(node_run("load", folder), config, [staged])
        if profiler:
            profiler.disable()
    verify("profile_target", expected)
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def profile_sql_source(folder: Path, expected: Any) -> None:
    """``source.sql`` beside the raw ``COPY … TO STDOUT`` of the same table."""
    read, config = executor("source.sql", {"conn_id": CONN_ID, "table": "profile_target"})
    with timed("source.sql: read table into Arrow batches (no staging)"):
        rows = sum(batch.num_rows for batch in read(node_run("read_table", folder), config, []))
    assert rows == expected.rows
    command = [*PSQL, "-o", "/dev/null", "-c", "COPY (SELECT * FROM profile_target) TO STDOUT"]
    with timed("reference: psql COPY (SELECT * FROM table) TO STDOUT > /dev/null"):
        measure_command(command, folder / "copy_out.log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cprofile", action="store_true", help="cProfile the whole sink executor")
    options = parser.parse_args()
    os.environ[f"AIRFLOW_CONN_{CONN_ID.upper()}"] = URI
    import airflow.sdk  # noqa: F401 - imported before any timing, as in a running task

    import providers.staging.writer  # noqa: F401

    ensure_database()
    reset_state()
    folder = Path(tempfile.mkdtemp(prefix="aggregator-load-profile-", dir="/tmp"))
    try:
        csv = folder / "rows.csv"
        expected = write_csv_rows(csv, options.rows)
        print(f"{options.rows:,} rows, {csv.stat().st_size / 1e6:.0f} MB of CSV")
        reset_table("profile_target")
        with timed("reference: psql \\copy of the CSV"):
            measure_command([*PSQL, "-c", f"\\copy profile_target FROM '{csv}' CSV HEADER"], folder / "c.log")
        reset_table("profile_target")
        staged = profile_csv_source(csv, folder)
        profile_sink_steps(staged, options.rows)
        profile_sink(staged, folder, expected, with_cprofile=options.cprofile)
        profile_sql_source(folder, expected)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        drop_tables("profile_target", "profile_stage")
    print("\nrows/s per step:")
    for step, seconds in TIMINGS:
        print(f"  {step:<60} {options.rows / seconds:>12,.0f}")


if __name__ == "__main__":
    main()
