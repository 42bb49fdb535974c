"""The pipelines routes and the permission each must declare, for the permission matrix."""

from ui_plugin.api.permissions import Action, Permission, Resource

READ = Permission(Action.READ, Resource.PIPELINES)

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/pipelines"): READ,
    ("POST", "/pipelines"): Permission(Action.CREATE, Resource.PIPELINES),
    ("GET", "/pipelines/{pipeline_id}"): READ,
    ("PUT", "/pipelines/{pipeline_id}"): Permission(Action.EDIT, Resource.PIPELINES),
    ("DELETE", "/pipelines/{pipeline_id}"): Permission(Action.DELETE, Resource.PIPELINES),
    ("POST", "/pipelines/{pipeline_id}/restore"): Permission(Action.DELETE, Resource.PIPELINES),
    ("POST", "/validate"): READ,
    ("POST", "/compile"): READ,
    ("POST", "/preview"): Permission(Action.EDIT, Resource.PIPELINES),
}
