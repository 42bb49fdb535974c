"""The frontend asset routes: public, as Airflow's UI imports the bundle before any API call."""

from ui_plugin.api.permissions import Permission

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/ui/{path:path}"): None,
}
