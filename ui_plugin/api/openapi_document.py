"""The aggregator API's OpenAPI document, as the app generates it, written with a stable key order.

``python -m ui_plugin.api.openapi_document docs/api/openapi.json`` (part of ``make docs``)
rewrites the published copy; a unit test fails when that copy no longer matches the routes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SERVER_PREFIX = "/aggregator/api"
"""Where Airflow's API server mounts the app; the document's paths are relative to it."""


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of the app, with the server prefix its paths live under."""
    from ui_plugin.api.app import create_app

    document = dict(create_app().openapi())
    document["servers"] = [{"url": SERVER_PREFIX}]
    return document


def openapi_text(document: dict[str, Any] | None = None) -> str:
    """The document as JSON text: keys sorted, two-space indents, a final newline."""
    data = openapi_document() if document is None else document
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_openapi_document(path: Path) -> None:
    """Write the document to ``path``, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(openapi_text(), encoding="utf-8")


def main(argv: list[str]) -> int:
    """``python -m ui_plugin.api.openapi_document PATH``."""
    if len(argv) != 1:
        print("usage: python -m ui_plugin.api.openapi_document PATH", file=sys.stderr)
        return 2
    write_openapi_document(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
