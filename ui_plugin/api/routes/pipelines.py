"""Pipelines: list, read, create, edit drafts, delete and restore, validate, compile and preview."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["pipelines"])
