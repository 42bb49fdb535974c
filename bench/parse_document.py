"""The Markdown section "DAG parsing" of ``docs/benchmarks.md``, from one benchmark run."""

from __future__ import annotations

from parse_bundles import CHAIN_CALLABLE, JOIN_CALLABLE, RETRY_DELAY_SECONDS, SCHEDULE, START_DATE
from parse_report import (
    RunContext,
    Summary,
    processor_details,
    results_table,
    targets_table,
    timeout_notes,
)
from parse_runs import LONG_TIMEOUT, Measurement

INTRO = """\
Measured {date} at product revision `{revision}`.

Machine: {machine}.

The 1-minute load average was {load_before} at the start and {load_after} at the end: other
processes shared the machine, so the numbers are medians of repeated runs (in-process and
task-start: {reps} runs each, interleaved across variants; dag-processor: {cycle_reps} run per
variant and DB state). The whole run took {total_minutes:.1f} minutes. Single dag-processor runs
on a shared machine can differ by tens of percent from one
run to the next; rerun with `--cycle-reps 3` before relying on a ratio close to a limit.
"""

WHAT = """\
### What is compared

Every variant defines the same {count:,} DAGs. Each has 10 tasks and 9 dependencies: two
`source.file` nodes (`orders`, `customers`) feed `step_1` (`python.callable`,
`{join}`), followed by `step_2` … `step_7` (`python.callable`, `{chain}`) in a chain,
and `load` (`sink.file`). Every DAG has schedule `{schedule}`, start date {start}, owner, tags,
1 retry with a {delay}-minute delay and the staging-cleanup `on_success_callback`; only ids and
file paths differ between pipelines.

- **ours**: one JSON spec per pipeline in `pipelines/bench/`, written with `publish_spec`, next to
  the generated `aggregator_loader.py` (`load_pipelines(__file__, globals())`). Each spec is read,
  validated (spec model, node configs against the component registry, graph) and compiled to a
  DAG of `PipelineNodeOperator` tasks.
- **dag-factory 1.1.0**: one YAML file per pipeline with the same operator
  (`providers.operators.pipeline_node.PipelineNodeOperator`) and the same arguments, loaded by a
  `.py` file calling `load_yaml_dags(globals_dict=globals(), dags_folder=<its folder>)`.
  dag-factory adds its own `doc_md` (the YAML config) and a `dagfactory` tag.
- **hand-written loop, `PipelineNodeOperator`**: one `.py` file that builds the same DAGs with the
  same operator and arguments in a `for` loop; nothing is validated. This is the baseline of the
  targets.
- **hand-written loop, `EmptyOperator`**: the same loop with `EmptyOperator` tasks, for reference:
  the cost of plain Airflow without the product's operator class.
"""

HOW = """\
### How it is measured

- **In-process `DagBag` fill**: a fresh `python` process per run imports Airflow, then times only
  `DagBag(dag_folder=<bundle>)`. Each run must yield {count:,} DAGs with exactly the 10 expected
  tasks and 9 dependencies and no import errors, or the benchmark stops. Peak RSS is the
  process's `ru_maxrss`, Airflow's own imports included.
- **dag-processor cycle**: per variant a fresh `AIRFLOW_HOME` with SQLite and Airflow's default
  auth manager; `airflow db migrate` runs once per home, then `python -m airflow dag-processor -n 1`
  is timed wall clock (CLI start, bundle scan, parsing the file in a child process,
  serialization, DB writes) starting from the freshly migrated DB, and timed again on the same
  DB, where the DAGs are unchanged (the steady state: the dag-processor re-parses every file
  periodically). Afterwards the `dag`, `serialized_dag` and `import_error` tables must show
  {count:,} current, serialized DAGs and no import error. Peak RSS is the sum over the process
  tree, sampled every 0.2 s. With the FAB auth manager (which `aggregator demo` configures) the
  first cycle also creates 7 permissions per new DAG; in a single trial on this machine that
  added about 65 s for 1,000 new DAGs, the same for every variant.
- **One DAG at task start**: `_AIRFLOW_PARSING_CONTEXT_DAG_ID={wanted}` is set, as Airflow does
  when a task starts. In a process that has imported Airflow, the DAG file is executed as a fresh
  module ("run the DAG file", the product's own imports and component discovery included), or
  loaded with `BundleDagBag(dag_folder=<file>, safe_mode=False, load_op_links=False)` as the task
  runner does. Ours must build only that DAG. dag-factory 1.1.0 ignores the parsing context and
  the hand-written loop has no reason to look at it: both build all {count:,} DAGs.
- Every fresh process reads compiled bytecode, as deployed code does: `PYTHONPYCACHEPREFIX`
  points to a cache in `bench/results/work/pycache/`, filled by compiling the bundles and by one
  untimed run of every measurement (and a pair of dag-processor cycles) on 2-pipeline bundles.
- Settings for every variant: `AIRFLOW__CORE__LOAD_EXAMPLES=False`, plugins folder `plugins/`,
  `AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT={timeout}` and
  `AIRFLOW__DAG_PROCESSOR__DAG_FILE_PROCESSOR_TIMEOUT={timeout}` (so that slow variants finish;
  Airflow's defaults are 30 s and 50 s), dag-factory telemetry off (`DO_NOT_TRACK=1`).
"""

RERUN = """\
### Rerun

```sh
make bench
```

`make bench` installs the `[bench]` extra (dag-factory 1.1.0, psutil) and runs
`.venv-bench/bin/python bench/parse_bench.py`. Options: `--count`, `--reps`, `--cycle-reps`,
`--skip-processor`, `--report-only` (rewrite this section from the saved JSON).
This run: `{command}`. Bundles, Airflow homes and the logs of every run are
kept in `bench/results/work/`, the raw numbers in `bench/results/parse_bench.json`.
`.venv-bench/bin/python bench/parse_profile.py` shows where the time of our loader goes on a
1,000-spec bundle (`--cprofile` for a function-level profile).
"""


def section(
    context: RunContext, summaries: dict[tuple[str, str], Summary], measurements: list[Measurement]
) -> tuple[str, str]:
    """The heading and the full text of the section."""
    heading = f"## DAG parsing ({context.count:,} pipelines \N{MULTIPLICATION SIGN} 10 nodes)"
    parts = [
        heading,
        INTRO.format(**vars(context)),
        "### Results",
        "Median wall-clock time. Ratios are this variant's median divided by the baseline's "
        "(below 1: faster). Targets apply to ours.",
        "\n".join(results_table(summaries)),
        "\n".join(targets_table(summaries)),
        "dag-processor runs as recorded in the metadata DB "
        "(`last_parse_duration` is the file's parse time in the processor's child process):",
        "\n".join(processor_details(measurements)),
        "Default timeouts (checked against the slowest run):\n" + "\n".join(timeout_notes(measurements)),
        WHAT.format(
            count=context.count,
            join=JOIN_CALLABLE,
            chain=CHAIN_CALLABLE,
            schedule=SCHEDULE,
            start=START_DATE,
            delay=RETRY_DELAY_SECONDS // 60,
        ),
        HOW.format(count=context.count, wanted=context.wanted_dag, timeout=LONG_TIMEOUT),
        RERUN.format(command=context.command),
    ]
    return heading, "\n\n".join(part.rstrip("\n") for part in parts) + "\n"
