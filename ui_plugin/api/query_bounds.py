"""Bounds of the numeric parameters of the API, so every value reaches the database as one it can hold."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from ui_plugin.store.listing import MAX_LIMIT

MAX_NUMBER = 2**31 - 1
"""The largest version number, offset or row version a request may name (a 32-bit integer)."""

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_NUMBER, description="Items to skip.")]
VersionNumber = Annotated[int, Path(ge=1, le=MAX_NUMBER, description="A version's number.")]
