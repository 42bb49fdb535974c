"""Who is calling: the name the store records as author and actor."""

from __future__ import annotations

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser


def actor_name(user: BaseUser) -> str:
    """The user's name as Airflow reports it, falling back to their id."""
    return user.get_name() or str(user.get_id())
