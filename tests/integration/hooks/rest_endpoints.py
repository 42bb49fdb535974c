"""Live endpoints on 127.0.0.1 for connection tests: a REST API with every auth scheme and an
OAuth2 token endpoint, optionally over TLS with a self-signed certificate, and a TCP port that
accepts connections but never answers."""

from __future__ import annotations

import base64
import datetime
import json
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

USER, PASSWORD = "alice", "wonderland"
BEARER = "rest-token"
API_KEY = "rest-key"
CLIENT_ID, CLIENT_SECRET = "rest-client", "rest-client-secret"
ISSUED_TOKEN = "issued-token"
RECORDS = [{"id": i, "name": f"record-{i}"} for i in range(1, 6)]


class RestApi:
    """The API on a free port; ``tls_dir`` serves it over HTTPS with a fresh self-signed certificate."""

    def __init__(self, tls_dir: Path | None = None) -> None:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                api.handle(self)

            def do_POST(self) -> None:
                api.handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        scheme = "http"
        if tls_dir is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self_signed_certificate(tls_dir))
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> RestApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        form = {key: values[0] for key, values in parse_qs(handler.rfile.read(length).decode()).items()}
        auth = handler.headers.get("Authorization", "")
        routes = {
            "/health": lambda: (200, {"status": "ok"}),
            "/forbidden": lambda: (403, {"error": "forbidden"}),
            "/basic": lambda: self.guarded(auth == _basic(USER, PASSWORD)),
            "/bearer": lambda: self.guarded(auth == f"Bearer {BEARER}"),
            "/apikey": lambda: self.guarded(
                handler.headers.get("X-API-Key") == API_KEY or query.get("api_key") == API_KEY
            ),
            "/oauth/token": lambda: self.token(auth, form),
            "/oauth/records": lambda: self.guarded(auth == f"Bearer {ISSUED_TOKEN}", RECORDS),
        }
        status, body = routes.get(parts.path, lambda: (404, {"error": "not found"}))()
        payload = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    @staticmethod
    def guarded(allowed: bool, body: Any = None) -> tuple[int, Any]:
        return (200, body if body is not None else {"status": "ok"}) if allowed else (401, {"error": "no"})

    @staticmethod
    def token(auth: str, form: dict[str, str]) -> tuple[int, Any]:
        client = auth == _basic(CLIENT_ID, CLIENT_SECRET) or (
            form.get("client_id") == CLIENT_ID and form.get("client_secret") == CLIENT_SECRET
        )
        if form.get("grant_type") != "client_credentials" or not client:
            return 401, {"error": "invalid_client"}
        return 200, {"access_token": ISSUED_TOKEN, "token_type": "bearer", "expires_in": 3600}


class SilentPort:
    """A TCP port that accepts connections (the kernel's backlog) but never sends a byte."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]

    def __enter__(self) -> SilentPort:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.sock.close()


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed_certificate(folder: Path) -> tuple[str, str]:
    """A certificate for 127.0.0.1 signed by itself (so clients do not trust it), and its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_file), str(key_file)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
