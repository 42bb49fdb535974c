"""The builder's JavaScript bundle and assets, which Airflow's UI loads as a React plugin."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["frontend"])
