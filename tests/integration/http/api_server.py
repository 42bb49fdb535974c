"""A small REST API on 127.0.0.1 for the ``source.http`` tests: every pagination style,
every auth scheme, rate limiting, flaky and broken endpoints."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ITEMS = [
    {
        "id": i,
        "name": f"item-{i}",
        "meta": {"score": i * 10, "tag": "even" if i % 2 == 0 else "odd"},
        "updated_at": f"2026-01-0{i}T00:00:00Z",
    }
    for i in range(1, 8)
]
USER, PASSWORD = "alice", "wonderland"
BEARER = "s3cret-token"
API_KEY = "k3y-123"
CLIENT_ID, CLIENT_SECRET = "client-1", "client-secret-1"


class ApiServer:
    """Starts the API on a free port in a daemon thread; ``hits`` counts requests per path."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.requests: list[dict[str, Any]] = []
        self.tokens_issued: list[str] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.handle(self, "GET")

            def do_POST(self) -> None:
                server.handle(self, "POST")

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> ApiServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        with self.lock:
            self.hits[parts.path] = self.hits.get(parts.path, 0) + 1
            count = self.hits[parts.path]
            self.requests.append({"path": parts.path, "query": query, "headers": dict(handler.headers)})
        route = getattr(self, "route_" + parts.path.strip("/").replace("/", "_"), None)
        if route is None:
            return self.send(handler, 404, {"error": "not found"})
        status, body, headers = route(
            query=query, raw=raw, headers=handler.headers, count=count, method=method
        )
        self.send(handler, status, body, headers)

    def send(self, handler: Any, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    @staticmethod
    def page(number: int, size: int = 3) -> list[dict[str, Any]]:
        return ITEMS[(number - 1) * size : number * size]

    # pagination styles
    def route_items(self, query, headers, **_):
        token = headers.get("Authorization")
        if token is not None and token != f"Bearer {BEARER}":
            return 401, {"error": "unauthorized"}, None
        size = int(query.get("per_page", 3))
        return 200, {"data": {"items": self.page(int(query.get("page", 1)), size)}}, None

    def route_offset(self, query, **_):
        offset, limit = int(query.get("offset", 0)), int(query["limit"])
        return 200, {"results": ITEMS[offset : offset + limit]}, None

    def route_cursor(self, query, **_):
        number = int(query.get("cursor", "c1")[1:])
        following = f"c{number + 1}" if number * 3 < len(ITEMS) else None
        return 200, {"items": self.page(number), "meta": {"next": following}}, None

    def route_link(self, query, **_):
        number = int(query.get("page", 1))
        headers = {}
        if number * 3 < len(ITEMS):
            headers["Link"] = (
                f'<{self.url}/link?page={number + 1}>; rel="next", <{self.url}/link>; rel="first"'
            )
        return 200, self.page(number), headers

    def route_next(self, query, **_):
        number = int(query.get("page", 1))
        following = f"/next?page={number + 1}" if number * 3 < len(ITEMS) else None
        return 200, {"items": self.page(number), "next": following}, None

    def route_elsewhere(self, **_):
        return 200, {"items": self.page(1), "next": "http://elsewhere.invalid/steal"}, None

    def route_search(self, raw, method, **_):
        if method != "POST":
            return 405, {"error": "POST only"}, None
        body = json.loads(raw)
        return 200, {"hits": self.page(int(body.get("page", 1)), int(body.get("size", 3)))}, None

    def route_jsonl(self, **_):
        return 200, b"".join(json.dumps(item).encode() + b"\n" for item in ITEMS), None

    # auth
    def route_basic(self, headers, **_):
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        return self.guarded(headers.get("Authorization") == expected)

    def route_bearer(self, headers, **_):
        return self.guarded(headers.get("Authorization") == f"Bearer {BEARER}")

    def route_apikey(self, headers, query, **_):
        return self.guarded(API_KEY in (headers.get("X-API-Key"), query.get("api_key")))

    def route_oauth_token(self, headers, raw, method, **_):
        form = {key: values[-1] for key, values in parse_qs(raw.decode()).items()}
        basic = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        in_body = (form.get("client_id"), form.get("client_secret")) == (CLIENT_ID, CLIENT_SECRET)
        if method != "POST" or form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}, None
        if headers.get("Authorization") != basic and not in_body:
            return 401, {"error": "invalid_client"}, None
        token = f"tok-{len(self.tokens_issued) + 1}"
        self.tokens_issued.append(token)
        return 200, {"access_token": token, "token_type": "bearer", "expires_in": 3600}, None

    def route_oauth_data(self, headers, **_):
        token = (headers.get("Authorization") or "").removeprefix("Bearer ")
        return self.guarded(token in self.tokens_issued)

    def guarded(self, allowed: bool):
        return (200, {"items": ITEMS}, None) if allowed else (401, {"error": "unauthorized"}, None)

    # failures
    def route_limited(self, count, **_):
        if count == 1:
            return 429, {"error": "slow down"}, {"Retry-After": "1"}
        return 200, {"items": ITEMS}, None

    def route_flaky(self, count, **_):
        return (500, {"error": "oops"}, None) if count <= 2 else (200, {"items": ITEMS}, None)

    def route_broken(self, **_):
        return 500, {"error": "down"}, None

    def route_malformed(self, query, **_):
        if int(query.get("page", 1)) == 2:
            return 200, b'{"items": [{"id": 4,', None
        return 200, {"items": self.page(int(query.get("page", 1)))}, None

    def route_conflict(self, query, **_):
        values = {1: [{"id": 1, "v": 1}], 2: [{"id": 2, "v": "text"}]}
        return 200, {"items": values.get(int(query.get("page", 1)), [])}, None

    def route_widen(self, query, **_):
        values = {1: [{"id": 1, "v": 1}], 2: [{"id": 2, "v": 2.5, "extra": "x"}]}
        return 200, {"items": values.get(int(query.get("page", 1)), [])}, None

    def route_incremental(self, query, **_):
        since = query.get("since", "")
        return 200, {"items": [item for item in ITEMS if item["updated_at"] > since]}, None
