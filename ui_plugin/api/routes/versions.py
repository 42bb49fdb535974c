"""Versions of a pipeline: history, one version, semantic diff, commit, restore as draft."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["versions"])
