"""The ``schedule`` of a pipeline: a cron expression, a preset, or the assets it waits for."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field

PRESETS = (
    "@once",
    "@continuous",
    "@hourly",
    "@daily",
    "@weekly",
    "@monthly",
    "@quarterly",
    "@yearly",
    "@annually",
)


def check_schedule(value: str | list[str] | None) -> str | list[str] | None:
    """Accept a preset, a valid 5- or 6-field cron expression, or a non-empty asset list."""
    if value is None:
        return None
    if isinstance(value, list):
        if not value:
            raise ValueError("an asset schedule needs at least one asset name or URI")
        blank = [i for i, name in enumerate(value) if not name.strip()]
        if blank:
            raise ValueError(f"asset names must not be empty (item {blank[0]})")
        return value
    if value.startswith("@"):
        if value not in PRESETS:
            from dag_factory.spec.suggestions import did_you_mean

            raise ValueError(
                f"unknown preset {value!r}{did_you_mean(value, PRESETS)}; "
                f"use one of {', '.join(PRESETS)} or a cron expression"
            )
        return value
    from croniter import croniter

    fields = value.split()
    if len(fields) not in (5, 6) or not croniter.is_valid(value):
        raise ValueError(
            f"{value!r} is not a valid cron expression "
            "(5 fields: minute hour day-of-month month day-of-week, e.g. '0 6 * * *')"
        )
    return value


Schedule = Annotated[
    str | list[str] | None,
    AfterValidator(check_schedule),
    Field(
        description=(
            "When the pipeline runs: a cron expression ('0 6 * * *'), a preset ('@daily'), "
            "a list of asset names or URIs it waits for, or null for manual runs only."
        ),
        examples=["@daily", "0 6 * * 1-5", ["orders_landed"]],
    ),
]
"""A pydantic type for the pipeline schedule."""


def as_airflow_schedule(value: str | list[str] | None) -> Any:
    """Turn a validated schedule into what ``DAG(schedule=...)`` accepts."""
    if not isinstance(value, list):
        return value
    from airflow.sdk import Asset

    return [Asset(uri=name) if "://" in name else Asset(name=name) for name in value]
