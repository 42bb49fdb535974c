"""The audit log of every change, readable through the API."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["audit"])
