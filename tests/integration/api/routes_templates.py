"""The templates routes and the permission each must declare, for the permission matrix."""

from ui_plugin.api.permissions import Action, Permission, Resource

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/templates"): Permission(Action.READ, Resource.TEMPLATES),
    ("GET", "/templates/{template_id}"): Permission(Action.READ, Resource.TEMPLATES),
    ("POST", "/templates"): Permission(Action.CREATE, Resource.TEMPLATES),
    ("POST", "/pipelines/{pipeline_id}/template"): Permission(Action.CREATE, Resource.TEMPLATES),
    ("POST", "/templates/{template_id}/instantiate"): Permission(Action.READ, Resource.TEMPLATES),
    ("DELETE", "/templates/{template_id}"): Permission(Action.DELETE, Resource.TEMPLATES),
}
