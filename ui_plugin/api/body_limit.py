"""Refuse request bodies over a size limit, before the route reads them."""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024


def configured_max_body_bytes() -> int:
    """``[aggregator] api_max_body_bytes``, or the default of 10 MiB."""
    from airflow.configuration import conf

    return conf.getint("aggregator", "api_max_body_bytes", fallback=DEFAULT_MAX_BODY_BYTES)


class BodyTooLarge(HTTPException):
    """413: the body grew past the limit while it was being received."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_detail(limit))


class BodyLimitMiddleware:
    """ASGI middleware answering 413 with a JSON error to bodies over ``max_bytes``.

    A declared ``Content-Length`` over the limit is refused at once; a body without one
    (chunked) is counted as it arrives and refused when it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def limit(self) -> int:
        if self.max_bytes is None:
            self.max_bytes = configured_max_body_bytes()
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit()
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(send, limit)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            # Read outside a route (no FastAPI handler turned it into its response).
            if not started:
                await _too_large(send, limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def too_large_detail(limit: int) -> dict[str, Any]:
    """The error body's ``detail`` for a body over ``limit`` bytes."""
    return {
        "error": "body_too_large",
        "message": f"the request body is larger than {limit} bytes ([aggregator] api_max_body_bytes)",
        "field": "body",
    }


async def _too_large(send: Send, limit: int) -> None:
    payload = json.dumps({"detail": too_large_detail(limit)}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
