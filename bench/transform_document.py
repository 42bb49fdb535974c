"""The Markdown text of the section "Transforms: pipelines beside plain pyarrow and pandas"."""

from __future__ import annotations

from transform_baseline import AGGREGATIONS, CHAIN_CASTS, CHAIN_DERIVED, CHAIN_WHERE, GROUP_BY, JOIN_KEY
from transform_data import CUSTOMER_KEYS, DIMENSION_ROWS, DIMENSION_SCHEMA, FACT_SCHEMA, NULL_SHARE
from transform_report import (
    HEADING,
    Context,
    Results,
    baseline_steps_table,
    memory_table,
    results_table,
    targets_table,
    tasks_table,
    wall_ratios_table,
)
from transform_workloads import WORKLOADS

FULL_ROWS = 10_000_000

INTRO = """\
Measured {date} at product revision `{revision}`{kind}.

Machine: {machine}.

The 1-minute load average was {load_before} at the start and {load_after} at the end; the machine
has 2 cores and was shared with other work, so single runs can be off by tens of percent. The
whole run took {total_minutes:.1f} minutes. {reference}{partial}
"""

HOW = """\
### What is measured

- **Data**: {rows:,} rows \N{MULTIPLICATION SIGN} 10 columns ({fact}) in one Parquet file
  (snappy, row groups of 500,000 rows), and a {dimension_rows:,}-row dimension ({dimension});
  both generated with numpy and pyarrow from a fixed seed. `{key}` of the fact rows is drawn
  from 1 … {customer_keys:,}, so the dimension holds the keys of about
  {covered:.0%} of them; no key is null. {null_share:.0%} of `discount` and of `amount_text`
  (numbers as text, e.g. `1234.5`) are null.
- **Workloads**, the same in all three contenders:
  - *chain*: keep the rows where `{where}` (a null condition drops the row, as SQL does),
    add {derived}, then convert {casts}; write all columns.
  - *aggregate*: group by `{group_by}` and compute {aggregations} (nulls skipped).
  - *join*: inner join of the fact rows with the dimension on `{key}`: the fact columns,
    then the dimension's others.
- **Ours**: the spec is run with `python -m dag_factory run SPEC --home HOME` (= `aggregator run`),
  i.e. Airflow's `dag.test()` in a private `AIRFLOW_HOME` with SQLite. *Time* is the sum over
  the nodes of the seconds `PipelineNodeOperator` measures around each node's work and pushes in
  XCom `aggregator_metrics`, nodes fused into a task (under `fused_nodes`) included; for nodes
  that are not streamed into their consumer (`transform.aggregate`) that includes staging
  their output as Parquet, which the sink then reads; the join streams into the sink. It also includes the
  imports the nodes do: the task process has not loaded pyarrow before its node starts. A source
  streaming into an aggregate reads only the columns the aggregate uses; the plain baselines
  below read every column, as `pq.read_table` and `pd.read_parquet` do unless told otherwise.
  The aggregate workload reads {aggregate_columns}. The chain runs as one
  task: source, filter, derive and cast stream batch by batch into the sink. *Whole command* adds
  Python and Airflow start-up, DAG parsing and run bookkeeping. One untimed warm-up run
  (1,000 rows) creates the Airflow home first.
- **pyarrow** and **pandas**: a separate Python process (`bench/transform_baseline.py`) reads
  the Parquet input whole (`pq.read_table`, `pd.read_parquet`), computes and writes the result
  (`pq.write_table`, `DataFrame.to_parquet(index=False)`), all with the libraries' defaults
  (pyarrow's multithreading included). *Time* is imports + read + compute + write: the imports
  of the modules the workload uses (pyarrow: `pyarrow`, `.parquet`, `.dataset`, `.compute`, and
  `.acero` for group-by and join; pandas: `pandas`, `pyarrow`, `pyarrow.dataset`) are timed in a
  step of their own, the same rule as ours, whose node time includes its imports. Rows measured
  before this rule show "not timed" for imports in the steps table and exclude them.
- **Same results**: every output is checksummed (rows, and per column its non-null count and
  its sum: numbers, trues, timestamp microseconds, text length); pyarrow's and pandas' must agree
  with ours (float sums to 1e-9), or the benchmark stops.
- **Runs**: the contenders take turns, workload by workload; each ran {runs} time(s) and the
  table shows the median time and the highest peak RSS. Our chain also ran once on
  2\N{MULTIPLICATION SIGN} the rows: its memory should not grow with the input.
- **Peak RSS, process tree**: the sum of RSS over the command and all its descendants, sampled
  every 50 ms with psutil (for ours: the `aggregator run` CLI process and the `dag.test()`
  process that runs the tasks). **Largest process**: exact peak of the biggest single process,
  `ru_maxrss` from `wait4`.
"""

RERUN = """\
### Rerun

```sh
make bench-transform                                        # full run: {full_rows:,} rows, 3 runs each
make bench-transform BENCH_TRANSFORM_ARGS=--quick           # smoke run: 1,000,000 rows, 1 run each
```

Options: `--rows`, `--runs`, `--skip-double` (leave out the chain on twice the rows),
`--workloads aggregate` (or a comma-separated list: measure only those; the others keep their
results from the saved JSON, each row labelled with the date and revision it was measured at),
`--report-only` (rewrite this section from the saved JSON). `--quick` writes
`bench/results/transform_bench_quick.json` and leaves this file alone unless `--doc` is given.
This run: `{command}`. Logs of every command are in
`bench/results/transform/logs/`, the raw numbers in `bench/results/transform_bench.json`.
"""


def aggregate_columns() -> list[str]:
    """The fact columns the aggregate workload reads, in the file's order."""
    used = {GROUP_BY} | {text.split("(")[1].rstrip(")") for text in AGGREGATIONS.values()}
    return [name for name in FACT_SCHEMA.names if name in used]


def _columns(schema: object) -> str:
    return ", ".join(f"`{field.name}` {field.type}" for field in schema)  # type: ignore[attr-defined]


def section(context: Context, results: Results) -> tuple[str, str]:
    """The heading and the full text of the section."""
    kind = " (a `--quick` smoke run)" if context.quick else ""
    partial = ""
    if set(context.workloads) != set(WORKLOADS):
        partial = (
            f" This run measured only {', '.join(context.workloads)}; the other rows are earlier results, "
            "measured at the date and revision in their *Measured* column."
        )
    reference = (
        f"This is a smoke run on {context.rows:,} rows; the full run ({FULL_ROWS:,} rows, 3 runs each) "
        "is the reference."
        if context.quick
        else f"This full run ({context.rows:,} rows) is the reference; `--quick` runs are smoke tests only."
    )
    parts = [
        HEADING,
        INTRO.format(**vars(context), kind=kind, reference=reference, partial=partial),
        "### Results",
        "Rows/s is input rows ÷ time. Ratios are our time ÷ theirs (below 1: ours is faster).",
        "\n".join(results_table(results)),
        "\n".join(targets_table(results)),
        "Memory of the row-wise chain against the input size:",
        "\n".join(memory_table(results)),
        "Whole commands, start-up included:",
        "\n".join(wall_ratios_table(results)),
        "Our first run of each workload by node task:",
        "\n".join(tasks_table(results)),
        "The baselines' steps (the median run):",
        "\n".join(baseline_steps_table(results)),
        HOW.format(
            rows=context.rows,
            fact=_columns(FACT_SCHEMA),
            dimension=_columns(DIMENSION_SCHEMA),
            dimension_rows=DIMENSION_ROWS,
            customer_keys=CUSTOMER_KEYS,
            covered=DIMENSION_ROWS / CUSTOMER_KEYS,
            null_share=NULL_SHARE,
            key=JOIN_KEY,
            where=CHAIN_WHERE,
            derived=", ".join(f"`{name} = {text}`" for name, text in CHAIN_DERIVED.items()),
            casts=", ".join(f"`{name}` to `{type_name}`" for name, type_name in CHAIN_CASTS.items()),
            group_by=GROUP_BY,
            aggregations=", ".join(f"`{name} = {text}`" for name, text in AGGREGATIONS.items()),
            aggregate_columns=", ".join(f"`{name}`" for name in aggregate_columns()),
            runs=context.runs,
        ),
        RERUN.format(command=context.command, full_rows=FULL_ROWS),
    ]
    return HEADING, "\n\n".join(part.rstrip("\n") for part in parts) + "\n"
