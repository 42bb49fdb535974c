"""The audit routes and the permission each must declare, for the permission matrix."""

from ui_plugin.api.permissions import Action, Permission, Resource  # noqa: F401

ROUTES: dict[tuple[str, str], Permission | None] = {}
