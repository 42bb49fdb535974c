"""Fixtures of the ``source.http`` integration tests: a live API on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_server import ApiServer


@pytest.fixture
def api() -> Iterator[ApiServer]:
    """A fresh API server (request counters at zero) on a free local port."""
    with ApiServer() as server:
        yield server
