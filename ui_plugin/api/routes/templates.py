"""Templates: list, read, create (also from a pipeline), instantiate with parameters, delete."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["templates"])
