"""The results of the API benchmark, its targets, and the section "REST API under load" of the docs."""

from __future__ import annotations

from dataclasses import dataclass, field

from api_load import RouteStats
from bench_targets import Target, Verdict, check_targets, verdicts_table

HEADING = "## REST API under load"
FLOOR_LOAD = "Airflow pool read"
P95_LIMIT_MS = 50.0
TIMES = "\N{MULTIPLICATION SIGN}"


@dataclass(frozen=True)
class Context:
    """Where and how the benchmark ran."""

    date: str
    machine: str
    postgres: str
    revision: str
    command: str
    pipelines: int
    versions: int
    clients: int
    seconds: float
    warmup: float
    workers: int
    load_before: str
    load_after: str
    total_minutes: float
    smoke: bool


@dataclass
class ApiResults:
    """Per-route statistics of both loads and the seconds each setup step took."""

    aggregator: dict[str, RouteStats]
    airflow: dict[str, RouteStats]
    floor: dict[str, RouteStats] = field(default_factory=dict)
    """One of Airflow's cheapest authenticated reads under the same load: a reference point."""
    setup_seconds: dict[str, float] = field(default_factory=dict)
    cpu_cores: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per load, the cores the ``client``, the ``server`` and ``postgres`` kept busy (warm-up included)."""
    sessions_opened: dict[str, int] = field(default_factory=dict)
    """Per load, the PostgreSQL connections opened during it."""

    def loads(self) -> tuple[tuple[str, dict[str, RouteStats]], ...]:
        """Every load that ran, named as the tables show it."""
        named = (
            ("aggregator mix", self.aggregator),
            ("Airflow DAG list", self.airflow),
            (FLOOR_LOAD, self.floor),
        )
        return tuple((name, stats) for name, stats in named if stats)


def _routes(stats: dict[str, RouteStats]) -> list[RouteStats]:
    return [found for route, found in stats.items() if route != "all"]


def slowest_p95(results: ApiResults) -> float | None:
    """The highest p95 among the aggregator's routes."""
    routes = _routes(results.aggregator)
    return max(found.p95_ms for found in routes) if routes else None


def errors(results: ApiResults) -> float:
    """Failed requests of every load."""
    return float(sum(found.errors for _, stats in results.loads() for found in _routes(stats)))


def p95_ratio_to_dag_list(results: ApiResults) -> float | None:
    """The slowest aggregator route's p95 divided by that of Airflow's DAG list (below 1: faster)."""
    slowest = slowest_p95(results)
    dags = results.airflow.get("all")
    if slowest is None or dags is None or not dags.p95_ms:
        return None
    return slowest / dags.p95_ms


TARGETS = (
    Target(
        f"p95 ≤ {P95_LIMIT_MS:.0f} ms on every aggregator route",
        slowest_p95,
        lambda v: v <= P95_LIMIT_MS,
        " ms",
    ),
    Target("zero errors (every load)", errors, lambda v: v == 0, ""),
    Target(
        "slowest aggregator p95 ≤ p95 of Airflow's `GET /api/v2/dags`",
        p95_ratio_to_dag_list,
        lambda v: v <= 1.0,
        TIMES,
    ),
)


def target_results(results: ApiResults) -> list[Verdict]:
    """Each target with its measured value and verdict."""
    return check_targets(TARGETS, results)


def routes_table(results: ApiResults) -> list[str]:
    """One row per route of both loads, and each load's total."""
    lines = [
        "| Load | Route | Requests | Requests/s | p50 | p95 | p99 | max | Errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for load, stats in results.loads():
        for route, found in stats.items():
            name = "**all of the load**" if route == "all" else f"`{route}`"
            lines.append(
                f"| {load} | {name} | {found.requests:,} | {found.requests_per_second:,.1f} "
                f"| {found.p50_ms:.1f} ms | {found.p95_ms:.1f} ms | {found.p99_ms:.1f} ms "
                f"| {found.max_ms:.1f} ms | {found.errors:,} |"
            )
    return lines


def error_lines(results: ApiResults) -> list[str]:
    """Up to three failed requests of every route that had any."""
    lines = []
    for _, stats in results.loads():
        for route, found in stats.items():
            if route != "all":
                lines += [f"- `{route}`: `{example}`" for example in found.error_examples]
    return lines


SETUP_LABELS = {
    "airflow_db_migrate": "`airflow db migrate` (PostgreSQL, FAB)",
    "seed_store": "seed the store through its API (`Store.over(engine)`)",
    "analyze": "`VACUUM ANALYZE`, as autovacuum does after a bulk load",
    "publish_specs": "publish the last version of every pipeline into the bundle (`publish_spec`)",
    "dags_reserialize": "`airflow dags reserialize`: parse the bundle into Airflow's DAG tables",
    "api_server_start": "`airflow api-server` start until `/aggregator/api/health` answers",
}


def cpu_table(results: ApiResults) -> list[str]:
    """How much CPU the load generator, the API server and PostgreSQL used during each load."""
    lines = [
        "| Load | Client (cores busy) | API server (cores busy) | PostgreSQL (cores busy) "
        "| Connections opened |",
        "|---|---:|---:|---:|---:|",
    ]
    for load, cores in results.cpu_cores.items():
        postgres = f"{cores['postgres']:.2f}" if "postgres" in cores else "not measured"
        opened = results.sessions_opened.get(load)
        lines.append(
            f"| {load} | {cores['client']:.2f} | {cores['server']:.2f} | {postgres} "
            f"| {'not measured' if opened is None else f'{opened:,}'} |"
        )
    return lines


def floor_p95(results: ApiResults) -> float | None:
    """The p95 of Airflow's cheapest authenticated read, when that load ran."""
    found = results.floor.get("all")
    return found.p95_ms if found else None


def setup_table(results: ApiResults) -> list[str]:
    """How long preparing the data took, step by step."""
    lines = ["| Step | Seconds |", "|---|---:|"]
    for key, label in SETUP_LABELS.items():
        if key in results.setup_seconds:
            lines.append(f"| {label} | {results.setup_seconds[key]:.1f} |")
    return lines


def targets_table(results: ApiResults) -> list[str]:
    return verdicts_table(target_results(results))
