"""The route telling the UI who is signed in and what they may do."""

from ui_plugin.api.permissions import Action, Permission, Resource

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/me"): Permission(Action.READ, Resource.PIPELINES),
}
