"""The published OpenAPI document is the one the app generates, written with a stable key order."""

import json
from pathlib import Path

from ui_plugin.api.openapi_document import SERVER_PREFIX, main, openapi_document, openapi_text

PUBLISHED = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.json"


def test_the_published_document_matches_the_routes():
    assert PUBLISHED.read_text(encoding="utf-8") == openapi_text(), (
        f"{PUBLISHED} is out of date with the API routes: run `make docs` and commit the result"
    )


def test_the_document_names_the_prefix_airflow_mounts_the_api_under():
    document = openapi_document()
    assert document["servers"] == [{"url": SERVER_PREFIX}]
    assert "/health" in document["paths"]


def test_writing_twice_gives_the_same_bytes_with_sorted_keys(tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "nested" / "second.json"
    assert main([str(first)]) == 0
    assert main([str(second)]) == 0
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_a_missing_path_is_a_usage_error(capsys):
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err
