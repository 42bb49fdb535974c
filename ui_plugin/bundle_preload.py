"""Full page loads of the Pipelines page load the plugin's bundle alongside Airflow's own UI.

Airflow's UI imports a plugin's bundle only after its own code has run and it has asked the API
server which plugins exist, and then shows the page behind a Suspense boundary, which React
reveals no sooner than 300 ms after its loading indicator appeared. Loading the bundle with
the page instead (a deferred script, run right after Airflow's own module, which publishes the
shared React and Chakra globals) registers the page's component before Airflow routes to it:
Airflow then renders it at once, and the page's first requests go out with the UI's own.

Only the HTML of ``/plugin/pipelines`` and the paths below it is changed; every other page of
Airflow's UI is served as it is.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui_plugin.plugin import PIPELINES_PAGE

PAGE_PATH = f"/plugin/{PIPELINES_PAGE['url_route']}"
"""Where Airflow's UI shows the Pipelines page, below its base URL."""

# Relative to the page's <base href>, as Airflow resolves a bundle_url itself.
BUNDLE_TAG = f'<script defer src="./{PIPELINES_PAGE["bundle_url"]}"></script>'.encode()
HEAD_END = b"</head>"


def is_pipelines_page(scope: Scope) -> bool:
    """Whether the request is a GET of the Pipelines page or a path below it."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path: str = scope["path"]
    root: str = scope.get("root_path", "").rstrip("/")
    if root and (path == root or path.startswith(f"{root}/")):
        path = path[len(root) :]
    return path == PAGE_PATH or path.startswith(f"{PAGE_PATH}/")


def with_bundle_tag(html: bytes) -> bytes:
    """``html`` with the bundle's script tag at the end of its head (once)."""
    if BUNDLE_TAG in html or HEAD_END not in html:
        return html
    return html.replace(HEAD_END, BUNDLE_TAG + b"\n" + HEAD_END, 1)


def _header(message: Message, name: bytes) -> bytes | None:
    for key, value in message.get("headers", []):
        if key.lower() == name:
            return bytes(value)
    return None


def _rewritable(start: Message) -> bool:
    """An uncompressed HTML page that was found (Airflow's UI page, not an error)."""
    content_type = _header(start, b"content-type") or b""
    return (
        start["status"] == 200
        and content_type.startswith(b"text/html")
        and _header(start, b"content-encoding") is None
    )


class BundlePreloadMiddleware:
    """Adds the plugin bundle's script tag to Airflow's HTML for the Pipelines page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_pipelines_page(scope):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body = bytearray()

        async def send_with_tag(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and _rewritable(message):
                start = message
                return
            if start is None:
                await send(message)
                return
            if message["type"] != "http.response.body":
                # Not a plain body (a file sent by path, trailers): the page goes out as it is.
                held, start = start, None
                await send(held)
                if body:
                    await send({"type": "http.response.body", "body": bytes(body), "more_body": True})
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            page = with_bundle_tag(bytes(body))
            headers = [(key, value) for key, value in start["headers"] if key.lower() != b"content-length"]
            headers.append((b"content-length", str(len(page)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, send_with_tag)
