"""The interchange routes and the permission each must declare, for the permission matrix."""

from ui_plugin.api.permissions import Action, Permission, Resource

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/pipelines/{pipeline_id}/export"): Permission(Action.READ, Resource.PIPELINES),
    ("POST", "/export"): Permission(Action.READ, Resource.PIPELINES),
    ("POST", "/import"): Permission(Action.CREATE, Resource.PIPELINES),
    ("POST", "/import/dag-factory"): Permission(Action.CREATE, Resource.PIPELINES),
}
