"""The requests of the API benchmark: the aggregator's mix and Airflow's own DAG list.

Both page through lists the same way (50 rows, a random page of the seeded pipelines), so
the two loads compare one list endpoint with another at the same scale.
"""

from __future__ import annotations

import random
from functools import partial

from api_load import Request, RequestMaker
from parse_bundles import pipeline_id

PREFIX = "/aggregator/api"
PAGE = 50
SORTS = ("id", "name", "updated")
SEARCH_TERMS = ("bench", "pipeline", "Bench pipeline 4", "seven steps", "step_3", "revision")
MIX = ("list", "get", "search", "diff")
"""Aggregator routes of the mix, drawn with equal weight."""


def _offset(chooser: random.Random, pipelines: int) -> int:
    return chooser.randrange(max(1, pipelines // PAGE)) * PAGE


def _pipeline(chooser: random.Random, pipelines: int) -> str:
    return pipeline_id(chooser.randint(1, pipelines))


def aggregator_request(chooser: random.Random, pipelines: int, versions: int) -> Request:
    """One request of the mix: list, get, search or diff."""
    route = chooser.choice(MIX)
    if route == "list":
        params: dict[str, object] = {"limit": PAGE, "offset": _offset(chooser, pipelines)}
        if chooser.random() < 0.5:
            params["sort"] = chooser.choice(SORTS)
        if chooser.random() < 0.25:
            params = {"limit": PAGE, "offset": 0, "search": chooser.choice(SEARCH_TERMS)}
        return "GET /pipelines", f"{PREFIX}/pipelines", params
    if route == "get":
        return "GET /pipelines/{pipeline_id}", f"{PREFIX}/pipelines/{_pipeline(chooser, pipelines)}", {}
    if route == "search":
        return "GET /search", f"{PREFIX}/search", {"q": chooser.choice(SEARCH_TERMS), "limit": 20}
    path = f"{PREFIX}/pipelines/{_pipeline(chooser, pipelines)}/diff"
    return "GET /pipelines/{pipeline_id}/diff", path, {"from_version": 1, "to_version": versions}


def dag_list_request(chooser: random.Random, pipelines: int) -> Request:
    """A page of Airflow's DAG list."""
    return "GET /api/v2/dags", "/api/v2/dags", {"limit": PAGE, "offset": _offset(chooser, pipelines)}


def pool_read_request(chooser: random.Random) -> Request:
    """Airflow's cheapest authenticated read: one pool by name (a token check and one query)."""
    return "GET /api/v2/pools/{pool_name}", "/api/v2/pools/default_pool", {}


def aggregator_mix(pipelines: int, versions: int) -> RequestMaker:
    """The aggregator's request mix over the seeded pipelines."""
    return partial(aggregator_request, pipelines=pipelines, versions=versions)


def dag_list(pipelines: int) -> RequestMaker:
    """Airflow's DAG list over the same number of DAGs."""
    return partial(dag_list_request, pipelines=pipelines)


def pool_read() -> RequestMaker:
    """Airflow's read of its default pool, the floor of any route behind Airflow's sign-in."""
    return pool_read_request
