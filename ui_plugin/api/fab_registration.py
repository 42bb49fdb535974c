"""Create the aggregator's permissions in FAB and give the built-in roles their defaults.

Runs at every start of the API server. It only ever adds: a permission an admin granted
stays granted, and a default that is already there is left alone, so a second start
changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ui_plugin.api.permissions import (
    ALL_PERMISSIONS,
    PLUGINS_MENU_PERMISSION,
    PLUGINS_MENU_ROLES,
    ROLE_DEFAULTS,
)

if TYPE_CHECKING:
    from airflow.providers.fab.auth_manager.security_manager.override import (
        FabAirflowSecurityManagerOverride,
    )
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


@dataclass
class Registration:
    """What one registration changed: permissions created and grants added per role."""

    created: list[tuple[str, str]] = field(default_factory=list)
    granted: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    missing_roles: list[str] = field(default_factory=list)


def role_grants() -> dict[str, set[tuple[str, str]]]:
    """``(action, resource)`` pairs each built-in role should hold, as FAB names them."""
    grants = {
        role: {(permission.action.value, permission.resource.value) for permission in permissions}
        for role, permissions in ROLE_DEFAULTS.items()
    }
    for role in PLUGINS_MENU_ROLES:
        grants[role].add(PLUGINS_MENU_PERMISSION)
    return grants


def register_permissions(security_manager: FabAirflowSecurityManagerOverride) -> Registration:
    """Create missing permissions and add missing role defaults; never remove anything.

    Roles are FAB's to create: a built-in role that does not exist is reported and skipped.
    """
    registration = Registration()
    for permission in sorted(ALL_PERMISSIONS):
        pair = (permission.action.value, permission.resource.value)
        if security_manager.get_permission(*pair) is None:
            security_manager.create_permission(*pair)
            registration.created.append(pair)
    for role_name, pairs in role_grants().items():
        role = security_manager.find_role(role_name)
        if role is None:
            registration.missing_roles.append(role_name)
            continue
        held = {(perm.action.name, perm.resource.name) for perm in role.permissions}
        for pair in sorted(pairs - held):
            security_manager.add_permission_to_role(role, security_manager.create_permission(*pair))
            registration.granted.setdefault(role_name, []).append(pair)
    return registration


def register_with_session(session: Session) -> Registration:
    """:func:`register_permissions` through FAB's security manager on ``session``."""
    from airflow.providers.fab.www.security_appless import ApplessAirflowSecurityManager

    return register_permissions(ApplessAirflowSecurityManager(session=session))


def register_if_fab() -> Registration | None:
    """Register when Airflow runs the FAB auth manager; ``None`` under any other one."""
    from airflow.api_fastapi.app import get_auth_manager_cls

    try:
        from airflow.providers.fab.auth_manager.fab_auth_manager import FabAuthManager
    except ImportError:
        return None
    if not issubclass(get_auth_manager_cls(), FabAuthManager):
        return None
    from airflow.utils.session import create_session

    with create_session() as session:
        registration = register_with_session(session)
    if registration.created or registration.granted:
        log.info(
            "Aggregator permissions: created %s, granted %s",
            registration.created,
            registration.granted,
        )
    if registration.missing_roles:
        log.warning(
            "Aggregator permissions: roles %s do not exist, their defaults were not granted",
            registration.missing_roles,
        )
    return registration
