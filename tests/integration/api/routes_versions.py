"""The versions routes and the permission each must declare, for the permission matrix."""

from ui_plugin.api.permissions import Action, Permission, Resource

READ = Permission(Action.READ, Resource.PIPELINES)

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/pipelines/{pipeline_id}/versions"): READ,
    ("GET", "/pipelines/{pipeline_id}/versions/{number}"): READ,
    ("GET", "/pipelines/{pipeline_id}/diff"): READ,
    ("POST", "/pipelines/{pipeline_id}/versions/{number}/restore"): Permission(
        Action.EDIT, Resource.PIPELINES
    ),
}
