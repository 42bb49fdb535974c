"""docs/permissions.md lists every route of the API with the permission the route declares."""

from __future__ import annotations

import re
from pathlib import Path

from ui_plugin.api.app import create_app
from ui_plugin.api.permissions import Action, Permission, Resource, route_permissions

DOC = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"
ROW = re.compile(r"^\| `(?P<method>[A-Z]+) (?P<path>/\S*)` \| (?P<permission>.+) \|$")
PERMISSION = re.compile(r"^`(?P<action>\w+)` on `(?P<resource>[^`]+)`$")


def documented_routes() -> dict[tuple[str, str], Permission | None]:
    routes: dict[tuple[str, str], Permission | None] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        row = ROW.match(line)
        if row is None:
            continue
        cell = row["permission"]
        permission = None
        if cell != "none (public)":
            match = PERMISSION.match(cell)
            assert match, f"unreadable permission cell: {line}"
            permission = Permission(Action(match["action"]), Resource(match["resource"]))
        routes[(row["method"], row["path"])] = permission
    return routes


def test_the_routes_table_matches_the_app():
    assert documented_routes() == route_permissions(create_app())
