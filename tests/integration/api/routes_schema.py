"""The schema, node type and catalogue routes and the permission each must declare."""

from ui_plugin.api.permissions import Action, Permission, Resource

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/schema"): Permission(Action.READ, Resource.PIPELINES),
    ("GET", "/components"): Permission(Action.READ, Resource.PIPELINES),
    ("GET", "/catalogue"): Permission(Action.READ, Resource.PIPELINES),
}
