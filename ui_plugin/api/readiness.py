"""Readiness of the plugin: its store is migrated, staging is writable, Redis (when configured) answers.

Each check returns a short detail a probe's log can show; details never hold passwords.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ui_plugin.api.redaction import redacted, url_without_password

if TYPE_CHECKING:
    from ui_plugin.store.store import Store

REDIS_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class CheckResult:
    """One dependency: whether it is usable, and why not."""

    ok: bool
    detail: str


def readiness_checks(store: Store) -> dict[str, CheckResult]:
    """Every check by name; ``redis`` only when ``[aggregator] redis_url`` is set."""
    from airflow.configuration import conf

    checks = {"store": store_check(store), "staging": staging_check()}
    redis_url = conf.get("aggregator", "redis_url", fallback="") or ""
    if redis_url.strip():
        checks["redis"] = redis_check(redis_url.strip())
    return checks


def store_check(store: Store) -> CheckResult:
    """The store's tables are migrated to the newest revision."""
    from ui_plugin.store.migration import migration_status

    try:
        status = migration_status(store.engine)
    except Exception as error:
        return CheckResult(False, _failure(error, store.engine.url.password))
    if status.up_to_date:
        return CheckResult(True, f"migrated to revision {status.head}")
    return CheckResult(
        False,
        f"at revision {status.current or 'none'}, {len(status.pending)} migration(s) pending; "
        "run `aggregator db migrate`",
    )


def staging_check() -> CheckResult:
    """A small file can be written under the staging location, and deleted."""
    from providers.staging.location import staging_root

    try:
        root = staging_root()
        where = url_without_password(str(root))
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".ready-probe-{uuid.uuid4().hex}"
        probe.write_bytes(b"ready")
        probe.unlink()
    except Exception as error:
        return CheckResult(False, _failure(error))
    return CheckResult(True, f"writable: {where}")


def redis_check(url: str) -> CheckResult:
    """Redis at ``url`` answers PING."""
    import redis

    where = url_without_password(url)
    try:
        client = redis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as error:
        return CheckResult(False, f"{where}: {_failure(error, urlsplit(url).password)}")
    return CheckResult(True, f"PING answered by {where}")


def _failure(error: Exception, *secrets: str | None) -> str:
    return redacted(f"{type(error).__name__}: {error}", secrets)
