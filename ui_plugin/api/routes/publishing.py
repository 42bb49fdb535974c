"""Publishing to the DAG bundle, Airflow's parse status, triggering runs and their live status."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["publishing"])
