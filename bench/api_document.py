"""The Markdown text of the section "REST API under load" of ``docs/benchmarks.md``."""

from __future__ import annotations

from api_report import (
    HEADING,
    TIMES,
    ApiResults,
    Context,
    cpu_table,
    error_lines,
    floor_p95,
    routes_table,
    setup_table,
    slowest_p95,
    targets_table,
)

INTRO = """\
Measured {date} at product revision `{revision}`{kind}.

Machine: {machine}. PostgreSQL {postgres} on the same machine. **The load generator and the
API server share this machine** (2 cores): every request's latency includes the client's
share of the CPU, so these numbers are an upper bound for a server with cores of its own.

The 1-minute load average was {load_before} at the start and {load_after} at the end; the
whole run took {total_minutes:.1f} minutes. {reference}
"""

HOW = """\
### What is measured

- **Data**: {pipelines:,} pipelines of 10 nodes (2 file sources, 7 Python callables in a chain,
  1 file sink; the parsing benchmark's shape), each with {versions} versions, written through
  the store's own API (`create`, then `save_draft` + `commit` per version) into the database
  `aggregator_api_bench`, which is also Airflow's metadata database. The last version of
  every pipeline is published into the DAG bundle and parsed by `airflow dags reserialize`,
  so Airflow's DAG list holds the same {pipelines:,} DAGs (checked before the load).
- **Server**: a real `airflow api-server --workers {workers}` with the FAB auth manager and
  the plugin mounted at `/aggregator/api`; every request carries an Admin's bearer token
  from `POST /auth/token`, so each one pays for token validation and the permission check.
  Each worker has Airflow's connection pool at `[database] sql_alchemy_pool_size = 10` and
  `sql_alchemy_max_overflow = 10` (Airflow's defaults, 5 + 10, let the pool read below wait
  for connections until it times out under 20 clients) and the store's at its defaults
  (`[aggregator] store_pool_size = 10`, `store_max_overflow = 10`).
- **Client**: {clients} concurrent clients in one Python process (httpx with asyncio, one
  keep-alive connection each), closed loop: each sends its next request when the previous
  answer is read. {warmup:.0f} s of warm-up (not counted), then {seconds:.0f} s measured.
  Latency is from sending the request to reading the whole answer.
- **Aggregator mix** (equal weights, fixed seeds): `GET /pipelines?limit=50&offset=…`
  (half of them with `sort=id|name|updated`, a quarter with `search=…`),
  `GET /pipelines/{{id}}` (with the draft spec), `GET /search?q=…&limit=20`, and
  `GET /pipelines/{{id}}/diff?from_version=1&to_version={versions}` (semantic diff).
- **Airflow's DAG list**: the same clients, then the same duration, on
  `GET /api/v2/dags?limit=50&offset=…` over the same pages.
- **Airflow's pool read**: the same clients and duration on `GET /api/v2/pools/default_pool`,
  one of Airflow's cheapest authenticated reads (the token check, the permission check, one
  small query): a reference point for what any route behind Airflow's sign-in costs on the
  same machine under the same load.
- An answer other than 200, or a transport error, counts as an error. After answering a 5xx the
  server closes that keep-alive connection, so the next request sent on it fails with a
  `ReadError`, counted against the route of that next request.
"""

RERUN = """\
### Rerun

```sh
make bench-api       # {pipelines_default:,} pipelines x 20 versions, 20 clients, 60 s per load
.venv-bench/bin/python bench/api_bench.py --pipelines 50 --versions 3 --seconds 5 --clients 4
```

Options: `--pipelines`, `--versions`, `--clients`, `--seconds`, `--warmup`, `--workers`
(API server workers), `--report-only` (rewrite this section from the saved JSON). A run
with other sizes than the defaults writes `bench/results/api_bench_smoke.json` and leaves
this file alone unless `--doc` is given. This run: `{command}`. Logs of every Airflow
command are in `bench/results/api/home/logs/`, the raw numbers in `bench/results/api_bench.json`.
"""


def section(context: Context, results: ApiResults) -> tuple[str, str]:
    """The heading and the full text of the section."""
    kind = " (a smoke run with small sizes)" if context.smoke else ""
    reference = (
        "This is a smoke run; the full run (1,000 pipelines, 20 versions each, 20 clients, 60 s) "
        "is the reference."
        if context.smoke
        else "This full run is the reference; runs with smaller sizes are smoke tests only."
    )
    errors = error_lines(results)
    parts = [
        HEADING,
        INTRO.format(**vars(context), kind=kind, reference=reference),
        "### Results",
        "\n".join(routes_table(results)),
        "\n".join(targets_table(results)),
        *floor_note(results),
        *(["Failed requests (examples):", "\n".join(errors)] if errors else []),
        *(
            [
                "CPU during each load (process CPU time ÷ wall time, in cores):",
                "\n".join(cpu_table(results)),
            ]
            if results.cpu_cores
            else []
        ),
        "Preparing the data:",
        "\n".join(setup_table(results)),
        HOW.format(**vars(context)),
        RERUN.format(command=context.command, pipelines_default=1000),
    ]
    return HEADING, "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def floor_note(results: ApiResults) -> list[str]:
    """A paragraph comparing the slowest aggregator route with Airflow's cheapest read."""
    floor, slowest = floor_p95(results), slowest_p95(results)
    if floor is None or slowest is None:
        return []
    return [
        f"Under the same load Airflow's own `GET /api/v2/pools/default_pool` (a token check, a "
        f"permission check and one small query) had a p95 of {floor:.1f} ms: a reference point for "
        f"what any route behind Airflow's sign-in costs on this machine. The slowest aggregator "
        f"route's p95 is {slowest / floor:.2f}{TIMES} that."
    ]
