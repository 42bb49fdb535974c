"""The publishing routes and the permission each must declare, for the permission matrix."""

from ui_plugin.api.permissions import Action, Permission, Resource

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("POST", "/pipelines/{pipeline_id}/publish"): Permission(Action.CREATE, Resource.PUBLISH),
    ("GET", "/pipelines/{pipeline_id}/publication"): Permission(Action.READ, Resource.PIPELINES),
    ("POST", "/pipelines/{pipeline_id}/runs"): Permission(Action.EDIT, Resource.PIPELINES),
    ("GET", "/pipelines/{pipeline_id}/runs"): Permission(Action.READ, Resource.PIPELINES),
    ("GET", "/pipelines/{pipeline_id}/runs/{run_id}"): Permission(Action.READ, Resource.PIPELINES),
}
