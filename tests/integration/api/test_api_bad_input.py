"""Input built to break the API (huge numbers, deep nesting, NUL characters) gets a 4xx, never a 5xx."""

from __future__ import annotations

import pytest

pytest_plugins = ["api_fixtures"]

HUGE = 2**63


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", f"/pipelines/x/export?version={HUGE}", None),
        ("POST", "/pipelines/x/publish", {"version": HUGE}),
        ("GET", f"/connections?offset={HUGE}", None),
        ("GET", f"/pipelines/x/runs?offset={HUGE}", None),
        ("GET", "/pipelines/x/diff?from_version=1&to_version=" + "1" * 5000, None),
    ],
    ids=["export version", "publish version", "connections offset", "runs offset", "diff to_version"],
)
@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_numbers_no_database_can_hold_are_422(api_store, as_role, method, path, body):
    response = as_role("Admin").request(method, path, json=body)
    assert response.status_code == 422, response.text


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/import", {"content": '{"a":' * 5000 + "1" + "}" * 5000}),
        ("/import", {"content": "[" * 200_000}),
        ("/import/dag-factory", {"content": "a: " + "[" * 5000 + "]" * 5000}),
    ],
    ids=["deep JSON", "unclosed JSON", "deep dag-factory YAML"],
)
@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_documents_nested_too_deeply_are_422_and_store_nothing(api_store, as_role, path, body):
    response = as_role("Admin").post(path, json=body)
    assert response.status_code == 422, response.text
    assert api_store.pipelines.list().total == 0


def test_a_nul_character_in_an_id_is_not_found(api_store, as_role):
    for path in ("/pipelines/a%00b", "/templates/a%00b"):
        response = as_role("Admin").get(path)
        assert response.status_code == 404, response.text
        assert response.json()["detail"]["error"] == "not_found"


def test_a_nul_character_in_a_ui_file_name_is_not_found(api_client):
    assert api_client.get("/aggregator/api/ui/a%00b").status_code == 404
