"""Closed-loop HTTP load: N clients in one asyncio process, each sending its next request on an answer.

Requests are drawn from a fixed-seed mix of routes; every answer's latency and status is
kept per route. The client is one process with one event loop, so on a small machine it
takes as little CPU from the server as an HTTP client can.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

Request = tuple[str, str, dict[str, Any]]
"""``(route name, path, query parameters)`` of one request."""

RequestMaker = Callable[[random.Random], Request]


@dataclass
class RouteSamples:
    """What one route answered during the measured window."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_examples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RouteStats:
    """Latency percentiles, throughput and errors of one route."""

    route: str
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    error_examples: tuple[str, ...] = ()


def percentile(sorted_values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of already sorted values (0 for none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(samples: dict[str, RouteSamples], seconds: float) -> dict[str, RouteStats]:
    """Per-route statistics, plus ``all`` over every request of the run."""
    everything = RouteSamples()
    for found in samples.values():
        everything.latencies_ms += found.latencies_ms
        everything.errors += found.errors
    stats = {}
    for route, found in {**samples, "all": everything}.items():
        values = sorted(found.latencies_ms)
        stats[route] = RouteStats(
            route=route,
            requests=len(values),
            errors=found.errors,
            requests_per_second=len(values) / seconds if seconds else 0.0,
            p50_ms=percentile(values, 0.50),
            p95_ms=percentile(values, 0.95),
            p99_ms=percentile(values, 0.99),
            max_ms=values[-1] if values else 0.0,
            error_examples=tuple(found.error_examples),
        )
    return stats


async def _client(
    http: httpx.AsyncClient,
    make_request: RequestMaker,
    seed: int,
    warm_until: float,
    stop_at: float,
    samples: dict[str, RouteSamples],
) -> None:
    chooser = random.Random(seed)
    while (started := time.perf_counter()) < stop_at:
        route, path, params = make_request(chooser)
        problem = None
        try:
            response = await http.get(path, params=params)
            await response.aread()
            if response.status_code != 200:
                problem = f"{response.status_code} {path}?{httpx.QueryParams(params)}: {response.text[:200]}"
        except httpx.HTTPError as error:
            problem = f"{type(error).__name__} {path}?{httpx.QueryParams(params)}: {error!r}"
        elapsed_ms = (time.perf_counter() - started) * 1000
        if started < warm_until:
            continue
        found = samples.setdefault(route, RouteSamples())
        found.latencies_ms.append(elapsed_ms)
        if problem:
            found.errors += 1
            if len(found.error_examples) < 3:
                found.error_examples.append(problem)


async def _run(
    base_url: str, token: str, make_request: RequestMaker, clients: int, seconds: float, warmup: float
) -> tuple[dict[str, RouteSamples], float]:
    samples: dict[str, RouteSamples] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits, timeout=60) as http:
        begin = time.perf_counter()
        warm_until, stop_at = begin + warmup, begin + warmup + seconds
        await asyncio.gather(
            *(_client(http, make_request, seed, warm_until, stop_at, samples) for seed in range(clients))
        )
        measured = time.perf_counter() - warm_until
    return samples, measured


def run_load(
    base_url: str, token: str, make_request: RequestMaker, *, clients: int, seconds: float, warmup: float
) -> dict[str, RouteStats]:
    """``clients`` concurrent clients for ``warmup`` (not counted) plus ``seconds``; stats per route.

    Requests still in flight at the end finish and count, so the measured window is taken
    from the end of the warm-up to the last answer.
    """
    samples, measured = asyncio.run(_run(base_url, token, make_request, clients, seconds, warmup))
    return summarise(samples, measured)
