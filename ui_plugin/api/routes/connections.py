"""Airflow connections a node type can use (never secrets), and testing one."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["connections"])
