"""How long to wait before retrying a request (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class RetryAfterTooLongError(RuntimeError):
    """The server asked to wait longer than ``max_backoff_seconds``."""


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); ``None`` if absent/invalid."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_seconds(
    attempt: int,
    base: float,
    maximum: float,
    retry_after: str | None = None,
    now: datetime | None = None,
) -> float:
    """Wait after failed attempt number ``attempt`` (1-based).

    ``Retry-After`` wins when present; otherwise ``base * 2**(attempt-1)``, capped at ``maximum``.

    :raises RetryAfterTooLongError: ``Retry-After`` exceeds ``maximum``.
    """
    asked = parse_retry_after(retry_after, now)
    if asked is not None:
        if asked > maximum:
            raise RetryAfterTooLongError(
                f"server asked to retry after {asked:g}s, more than max_backoff_seconds={maximum:g}"
            )
        return asked
    return min(maximum, base * 2 ** (attempt - 1))
