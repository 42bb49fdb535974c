"""SimpleAuthManager's roles mapped to the aggregator's role defaults.

SimpleAuthManager authorizes every custom view for every signed-in user; the aggregator
instead gives its roles (``viewer``, ``user``, ``op``, ``admin``) the permissions of the
FAB roles of the same name.
"""

from __future__ import annotations

from ui_plugin.api.permissions import ROLE_DEFAULTS, Permission


def simple_role_permissions(role: str | None) -> frozenset[Permission]:
    """The permissions of a SimpleAuthManager role; none for a missing or unknown role."""
    if not role:
        return frozenset()
    by_lower_name = {name.lower(): permissions for name, permissions in ROLE_DEFAULTS.items()}
    return by_lower_name.get(role.strip().lower(), frozenset())


def simple_role_allows(role: str | None, permission: Permission) -> bool:
    """Whether a SimpleAuthManager user with ``role`` holds ``permission``."""
    return permission in simple_role_permissions(role)
