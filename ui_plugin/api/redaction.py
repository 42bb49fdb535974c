"""Keep secrets out of messages the API returns: passwords in URLs and known secret values."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from airflow.models.connection import Connection

MASK = "***"
MIN_EXTRA_SECRET_CHARS = 4
"""Shorter extra values are not masked, or every ``1`` or ``on`` in a message would be."""
URL_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'\"<>]*):[^\s@/'\"<>]*@")
"""The user and password of a URL in free text: ``scheme://user:password@``."""


def url_without_password(url: str) -> str:
    """``url`` with the password of its user info (if any) replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user_info, host = parts.netloc.rsplit("@", 1)
    user = user_info.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{host}"))


def redacted(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every occurrence of each non-empty secret replaced by ``***``."""
    for secret in sorted((secret for secret in secrets if secret), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def urls_without_passwords(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***`` (no URL is parsed, so
    one that would not parse loses its password too)."""
    return URL_PASSWORD.sub(rf"\1:{MASK}@", text)


def connection_secrets(connection: Connection) -> list[str]:
    """What of ``connection`` must not appear in a message: its password and its extras' text.

    Any extra may hold a token or key: masking a harmless word in a message costs less than
    returning a secret.
    """
    extra: dict[str, Any] = connection.extra_dejson if connection.extra else {}
    values = [
        value for value in extra.values() if isinstance(value, str) and len(value) >= MIN_EXTRA_SECRET_CHARS
    ]
    return [secret for secret in [connection.password, *values] if secret]


def safe_message(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` without URL passwords and without any of ``secrets``."""
    return redacted(urls_without_passwords(text), secrets)
