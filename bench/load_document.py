"""The Markdown text of the section "Loads: CSV and PostgreSQL into PostgreSQL"."""

from __future__ import annotations

from load_data import COLUMNS
from load_report import HEADING, Context, ratios_table, results_table, targets_table, tasks_table
from load_runs import LoadResult

INTRO = """\
Measured {date} at product revision `{revision}`{kind}.

Machine: {machine}. PostgreSQL {postgres} on the same machine.

The 1-minute load average was {load_before} at the start and {load_after} at the end; the machine
has 2 cores and was shared with other work, so single runs can be off by tens of percent. The
whole run took {total_minutes:.1f} minutes. {reference}
"""

HOW = """\
### What is measured

- **Data**: {rows:,} rows \N{MULTIPLICATION SIGN} 10 columns ({columns}), generated with
  numpy and pyarrow from a fixed seed and written with pyarrow's CSV writer (10% of
  `shipped_at` are empty, i.e. NULL).
  Every loader writes into a table dropped and created before its run with the same DDL: the
  column types our sink creates for this file (`bigint`, `double precision`, `text`,
  `timestamp`, `boolean`), no index. After every load the table must hold exactly the file's
  rows, `sum(id)` and `sum(quantity)`, or the benchmark stops.
- **Ours**: a spec is run with `python -m dag_factory run SPEC --home HOME` (= `aggregator run`),
  i.e. Airflow's `dag.test()` in a private `AIRFLOW_HOME` with SQLite; the sink's connection
  comes from `AIRFLOW_CONN_LOAD_BENCH`. The source node streams inside the sink's task (a
  fused chain, see `docs/spec.md`): the CSV's batches go straight into COPY, nothing is staged
  between them. *Load time* is the sum over the nodes of the seconds `PipelineNodeOperator`
  measures around each node's work and pushes in XCom `aggregator_metrics` (the source's under
  `fused_nodes`: reading and parsing the CSV; the sink's own: COPY and the apply transaction).
  *Airflow task durations* come from the `task_instance` table; under `dag.test()` a task's
  also contains the start of the in-process Execution API (about 10 s between "running task"
  and "Task started" in the log).
  *Whole command* adds Python and Airflow start-up, DAG parsing and run bookkeeping. One untimed
  warm-up run of each pipeline (1,000 rows) precedes the measurements.
- **`psql \\copy`**: `psql -c "\\copy t FROM 'file.csv' CSV HEADER"`; its time is the whole command.
- **pandas**: a separate Python process runs `pd.read_csv(file, parse_dates=[created_at,
  shipped_at])` and `df.to_sql(table, engine, if_exists="append", index=False)` with a
  SQLAlchemy 2 engine on psycopg 3 and `to_sql`'s defaults (`method=None`, i.e. SQLAlchemy's
  `executemany` as batched multi-row INSERTs; `chunksize=None`). Load time = `read_csv` +
  `to_sql`, without importing pandas.
- **PostgreSQL → PostgreSQL**: the table loaded by `psql \\copy` is copied to a new table by our
  `source.sql` → `sink.sql` pipeline, and by two psql processes connected by a shell pipe:
  `psql -c "COPY (SELECT * FROM src) TO STDOUT" | psql -c "COPY dst FROM STDIN"` (text format).
- **Large CSV**: a file of at least {large_gb:.1f} GB in the same layout, generated chunk by chunk
  into a temporary folder under `/tmp` and deleted afterwards, loaded by our pipeline.
- **Peak RSS, process tree**: the sum of RSS over the command and all its descendants, sampled
  every 50 ms with psutil (for ours: the `aggregator run` CLI process and the `dag.test()`
  process that runs the tasks). **Largest process**: exact peak of the biggest single process,
  `ru_maxrss` from `wait4`. The PostgreSQL server's memory is not included for any loader.
"""

RERUN = """\
### Rerun

```sh
make bench-load                                        # full run: {rows_default:,} rows and 5 GB
.venv-bench/bin/python bench/load_bench.py --quick     # smoke run: 100,000 rows and 200 MB
```

Options: `--rows`, `--large-gb`, `--skip-large`, `--reps N` (rounds of the 1M-row loads,
default 3), `--revision REV` (run the pipeline with the `dag_factory` and `providers` of a
git revision, e.g. while the working tree is being edited; node types are still found
through the installed entry points), `--report-only` (rewrite this section from the saved
JSON). `--quick` writes `bench/results/load_bench_quick.json` and leaves
this file alone unless `--doc` is given. This run: `{command}`.
Logs of every command are in `bench/results/load/logs/`, the raw numbers in
`bench/results/load_bench.json`. `.venv-bench/bin/python bench/load_profile.py` splits our CSV
load into its steps outside Airflow.
"""


def section(context: Context, results: dict[str, LoadResult]) -> tuple[str, str]:
    """The heading and the full text of the section."""
    kind = " (a `--quick` smoke run)" if context.quick else ""
    reference = (
        "This is a smoke run with small sizes; the full run (1,000,000 rows, 5 GB) is the reference."
        if context.quick
        else "This full run (1,000,000 rows, 5 GB) is the reference; `--quick` runs are smoke tests only."
    )
    parts = [
        HEADING,
        INTRO.format(**vars(context), kind=kind, reference=reference),
        "### Results",
        _runs_sentence(results),
        "\n".join(results_table(results)),
        "\n".join(ratios_table(results)),
        "\n".join(targets_table(results)),
        "Our runs by node task:",
        "\n".join(tasks_table(results)),
        HOW.format(
            rows=context.rows,
            columns=", ".join(f"`{name}` {sql_type}" for name, sql_type, _ in COLUMNS),
            large_gb=context.large_bytes / 1e9,
        ),
        RERUN.format(command=context.command, rows_default=1_000_000),
    ]
    return HEADING, "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def _runs_sentence(results: dict[str, LoadResult]) -> str:
    """How often each load ran, and every run's load time where there were several."""
    repeated = {
        name: result.details["all_seconds"]
        for name, result in results.items()
        if "all_seconds" in result.details
    }
    if not repeated or all(len(seconds) == 1 for seconds in repeated.values()):
        return "Rows/s is rows ÷ load time. Each load ran once."
    rounds = max(len(seconds) for seconds in repeated.values())
    listed = "; ".join(
        f"{name} {', '.join(f'{value:.2f}' for value in seconds)} s" for name, seconds in repeated.items()
    )
    return (
        f"Rows/s is rows ÷ load time. The 1M-row loads ran in {rounds} interleaved rounds (every loader "
        f"once per round); each row shows the run with the median load time. All load times: {listed}. "
        "The large CSV ran once."
    )
