"""The health routes: public, for probes."""

from ui_plugin.api.permissions import Permission

ROUTES: dict[tuple[str, str], Permission | None] = {
    ("GET", "/health"): None,
    ("GET", "/health/ready"): None,
}
