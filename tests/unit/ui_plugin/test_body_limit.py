"""The body size limit, as real ASGI middleware in front of a FastAPI app."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ui_plugin.api.body_limit import BodyLimitMiddleware

LIMIT = 1000


@pytest.fixture
def client() -> TestClient:
    app = FastAPI()
    app.add_middleware(BodyLimitMiddleware, max_bytes=LIMIT)
    received: list[int] = []
    app.state.received = received

    @app.post("/echo")
    def echo(body: dict[str, Any]) -> dict[str, int]:
        received.append(len(body["text"]))
        return {"length": len(body["text"])}

    return TestClient(app)


def test_a_body_within_the_limit_reaches_the_route(client):
    response = client.post("/echo", json={"text": "x" * 900})
    assert response.status_code == 200
    assert response.json() == {"length": 900}


def test_a_declared_length_over_the_limit_is_refused_before_the_route(client):
    response = client.post("/echo", json={"text": "x" * 2000})
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert detail["error"] == "body_too_large"
    assert detail["field"] == "body"
    assert str(LIMIT) in detail["message"]
    assert client.app.state.received == []


def test_a_chunked_body_is_counted_as_it_arrives(client):
    def chunks():
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 100
        yield b'"}'

    response = client.post("/echo", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"]["error"] == "body_too_large"
    assert client.app.state.received == []


def test_get_requests_pass_untouched(client):
    assert client.get("/echo").status_code == 405
