"""The audit routes and the permission each must declare, for the permission matrix."""

from ui_plugin.api.permissions import Action, Permission, Resource

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/audit"): Permission(Action.READ, Resource.PIPELINES),
}
