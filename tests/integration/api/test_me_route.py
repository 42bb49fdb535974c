"""GET /me: each role's aggregator permissions, as FAB grants them."""

from __future__ import annotations

import pytest

from ui_plugin.api.permissions import ROLE_DEFAULTS

pytest_plugins = ["api_fixtures"]


@pytest.mark.parametrize("role", ["Viewer", "User", "Op", "Admin"])
def test_me_lists_the_roles_permissions(as_role, role):
    response = as_role(role).get("/me")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == f"api_{role.lower()}"
    held = {(item["action"], item["resource"]) for item in body["permissions"]}
    assert held == {(p.action.value, p.resource.value) for p in ROLE_DEFAULTS[role]}


def test_a_viewer_may_not_edit_and_an_admin_may_write_code(as_role):
    viewer = {(p["action"], p["resource"]) for p in as_role("Viewer").get("/me").json()["permissions"]}
    admin = {(p["action"], p["resource"]) for p in as_role("Admin").get("/me").json()["permissions"]}
    assert ("can_edit", "Aggregator Pipelines") not in viewer
    assert ("can_edit", "Aggregator Code") in admin
