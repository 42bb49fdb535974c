"""The aggregator's permissions: resources, actions, role defaults and the route dependency.

A permission is ``(action, resource)`` as in Airflow's FAB auth manager, for example
``(can_edit, Aggregator Pipelines)``. Every route of the API declares the permission it
needs with :func:`requires`; only ``/health`` is public.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from fastapi import Depends, HTTPException, Request, status
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials

if TYPE_CHECKING:
    from airflow.api_fastapi.auth.managers.base_auth_manager import BaseAuthManager
    from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
    from fastapi import FastAPI


class Resource(StrEnum):
    """What a permission is about, named as FAB shows it under Security > Roles."""

    PIPELINES = "Aggregator Pipelines"
    TEMPLATES = "Aggregator Templates"
    # Node types that carry code (raw SQL, Python callables) run with the connection's
    # privileges, so authoring them is granted separately from editing pipelines.
    CODE = "Aggregator Code"
    PUBLISH = "Aggregator Publish"


class Action(StrEnum):
    """What a permission allows, with FAB's action names."""

    READ = "can_read"
    CREATE = "can_create"
    EDIT = "can_edit"
    DELETE = "can_delete"


# The HTTP-like method that auth managers take for custom views; FAB maps it back to the
# same action (airflow.providers.fab.www.utils._MAP_METHOD_NAME_TO_FAB_ACTION_NAME).
METHOD_OF_ACTION: Mapping[Action, str] = {
    Action.READ: "GET",
    Action.CREATE: "POST",
    Action.EDIT: "PUT",
    Action.DELETE: "DELETE",
}


class Permission(NamedTuple):
    """One action on one resource."""

    action: Action
    resource: Resource

    def describe(self) -> dict[str, str]:
        """The permission as a JSON object, as error bodies name it."""
        return {"action": self.action.value, "resource": self.resource.value}


ALL_PERMISSIONS: frozenset[Permission] = frozenset(
    Permission(action, resource) for resource in Resource for action in Action
)


def _grant(resources: tuple[Resource, ...], actions: tuple[Action, ...]) -> frozenset[Permission]:
    return frozenset(Permission(action, resource) for resource in resources for action in actions)


_VIEWER = _grant(tuple(Resource), (Action.READ,))
_USER = _VIEWER | _grant((Resource.PIPELINES,), (Action.CREATE, Action.EDIT))
_OP = _USER | _grant((Resource.TEMPLATES, Resource.PUBLISH), tuple(Action))

ROLE_DEFAULTS: Mapping[str, frozenset[Permission]] = {
    "Viewer": _VIEWER,
    "User": _USER,
    "Op": _OP,
    "Admin": ALL_PERMISSIONS,
}
"""Permissions each built-in role gets, under FAB and under SimpleAuthManager alike."""

# The plugin's pages appear in Airflow's menu only for roles that may read Plugins; FAB
# gives that to Op and Admin only.
PLUGINS_MENU_ROLES: tuple[str, ...] = ("Viewer", "User")
PLUGINS_MENU_PERMISSION: tuple[str, str] = ("can_read", "Plugins")


def is_allowed(auth_manager: BaseAuthManager, user: BaseUser, permission: Permission) -> bool:
    """Whether ``user`` holds ``permission`` according to Airflow's configured auth manager.

    SimpleAuthManager lets every user see every custom view, so its roles are mapped to
    :data:`ROLE_DEFAULTS` instead; every other auth manager decides through
    ``is_authorized_custom_view``.
    """
    from airflow.api_fastapi.auth.managers.simple.simple_auth_manager import SimpleAuthManager

    if isinstance(auth_manager, SimpleAuthManager):
        from ui_plugin.api.simple_roles import simple_role_allows

        return simple_role_allows(getattr(user, "role", None), permission)
    return auth_manager.is_authorized_custom_view(
        method=METHOD_OF_ACTION[permission.action],  # type: ignore[arg-type]
        resource_name=permission.resource.value,
        user=user,
    )


class PermissionDenied(HTTPException):
    """403: the signed-in user lacks the permission the route declares."""

    def __init__(self, permission: Permission) -> None:
        super().__init__(
            status_code=status.HTTP_403_FORBIDDEN,
            detail={
                "error": "permission_denied",
                "missing_permission": permission.describe(),
                "message": (
                    f"This needs the permission {permission.action.value} on {permission.resource.value}; "
                    "ask an Airflow admin to grant it to one of your roles."
                ),
            },
        )


class NotAuthenticated(HTTPException):
    """401: no token, or a token Airflow does not accept."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail={
                "error": "not_authenticated",
                "message": f"{reason}. Sign in to Airflow, or send a token from POST /auth/token "
                "as 'Authorization: Bearer <token>'.",
            },
            headers={"WWW-Authenticate": "Bearer"},
        )


@cache
def _authenticated_user_dependency() -> Callable[..., Coroutine[Any, Any, BaseUser]]:
    from airflow.api_fastapi.core_api.security import bearer_scheme, get_user, oauth2_scheme

    # One callable for every route, so FastAPI resolves the token once per request.
    async def authenticated_user(
        request: Request,
        oauth_token: str | None = Depends(oauth2_scheme),
        bearer_credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme),
    ) -> BaseUser:
        try:
            return await get_user(request, oauth_token, bearer_credentials)
        except HTTPException as error:
            # Airflow answers 403 to a malformed or forged token; to a client that is the
            # same as no token at all: sign in again.
            if error.status_code in (status.HTTP_401_UNAUTHORIZED, status.HTTP_403_FORBIDDEN):
                raise NotAuthenticated(str(error.detail)) from error
            raise

    return authenticated_user


def requires(resource: Resource, action: Action) -> Callable[..., BaseUser]:
    """A FastAPI dependency: the signed-in user, if they hold ``(action, resource)``.

    Raises :class:`NotAuthenticated` (401) without a valid token and
    :class:`PermissionDenied` (403) without the permission.
    """
    permission = Permission(action, resource)
    authenticated_user = _authenticated_user_dependency()

    # A plain function, so FastAPI runs it in its thread pool: auth managers answer from the
    # database (FAB loads the user's roles), which must not block the event loop.
    def user_with_permission(user: BaseUser = Depends(authenticated_user)) -> BaseUser:
        from airflow.api_fastapi.app import get_auth_manager

        if not is_allowed(get_auth_manager(), user, permission):
            raise PermissionDenied(permission)
        return user

    user_with_permission.required_permission = permission  # type: ignore[attr-defined]
    return user_with_permission


def route_permissions(app: FastAPI) -> dict[tuple[str, str], Permission | None]:
    """``(method, path)`` of every API route with the permission it declares (``None``: public)."""
    declared: dict[tuple[str, str], Permission | None] = {}
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        permission = _declared_permission(route.dependant.dependencies)
        for method in sorted(route.methods):
            declared[(method, route.path)] = permission
    return declared


def _declared_permission(dependencies: list[Any]) -> Permission | None:
    for dependency in dependencies:
        permission = getattr(dependency.call, "required_permission", None)
        if permission is None:
            permission = _declared_permission(dependency.dependencies)
        if permission is not None:
            return permission
    return None
