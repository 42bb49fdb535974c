"""The store the API routes use: Airflow's metadata database unless the app was given one."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

if TYPE_CHECKING:
    from ui_plugin.store.store import Store


@cache
def default_store() -> Store:
    """The store in Airflow's metadata database, one per API server process."""
    from ui_plugin.store.store import Store

    return Store.connect()


def current_store(request: Request) -> Store:
    """``app.state.store`` when the embedding application set one, else :func:`default_store`."""
    store = getattr(request.app.state, "store", None)
    return store if store is not None else default_store()


StoreDep = Annotated["Store", Depends(current_store)]
"""A route parameter receiving the store."""
