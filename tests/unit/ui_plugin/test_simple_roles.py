"""SimpleAuthManager's roles get the aggregator's role defaults, not every custom view."""

import pytest

from ui_plugin.api.permissions import ALL_PERMISSIONS, ROLE_DEFAULTS, Action, Permission, Resource, is_allowed
from ui_plugin.api.simple_roles import simple_role_allows, simple_role_permissions

P = Permission
R, C, E, D = Action.READ, Action.CREATE, Action.EDIT, Action.DELETE
PIPELINES, TEMPLATES, CODE, PUBLISH = Resource.PIPELINES, Resource.TEMPLATES, Resource.CODE, Resource.PUBLISH

# role -> permissions it holds; every other permission is denied.
EXPECTED: dict[str, set[Permission]] = {
    "viewer": {P(R, PIPELINES), P(R, TEMPLATES), P(R, CODE), P(R, PUBLISH)},
    "user": {P(R, PIPELINES), P(C, PIPELINES), P(E, PIPELINES), P(R, TEMPLATES), P(R, CODE), P(R, PUBLISH)},
    "op": {P(R, PIPELINES), P(C, PIPELINES), P(E, PIPELINES), P(R, CODE)}
    | {P(action, resource) for action in Action for resource in (TEMPLATES, PUBLISH)},
    "admin": set(ALL_PERMISSIONS),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize("permission", sorted(ALL_PERMISSIONS), ids=lambda p: f"{p.action}-{p.resource}")
def test_simple_role_matrix(role, permission):
    assert simple_role_allows(role, permission) is (permission in EXPECTED[role])


@pytest.mark.parametrize("role", ["Viewer", "VIEWER", " viewer "])
def test_role_names_match_whatever_their_case(role):
    assert simple_role_permissions(role) == ROLE_DEFAULTS["Viewer"]


@pytest.mark.parametrize("role", [None, "", "public", "superuser"])
def test_a_missing_or_unknown_role_holds_nothing(role):
    assert simple_role_permissions(role) == frozenset()


def test_roles_are_the_fab_role_defaults():
    assert {name.lower(): perms for name, perms in ROLE_DEFAULTS.items()} == EXPECTED


def test_only_admin_may_author_code_or_delete_pipelines():
    powerful = {P(E, CODE), P(D, PIPELINES)}
    holders = {name for name, perms in ROLE_DEFAULTS.items() if powerful & perms}
    assert holders == {"Admin"}


def test_is_allowed_maps_simple_auth_manager_users_instead_of_allowing_everyone():
    from airflow.api_fastapi.auth.managers.simple.simple_auth_manager import SimpleAuthManager
    from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser

    manager = SimpleAuthManager()
    viewer = SimpleAuthManagerUser(username="v", role="viewer")
    # Airflow's own answer for a custom view is "yes" for any role: the mapping narrows it.
    assert manager.is_authorized_custom_view(method="DELETE", resource_name=PIPELINES.value, user=viewer)
    assert is_allowed(manager, viewer, P(R, PIPELINES))
    assert not is_allowed(manager, viewer, P(D, PIPELINES))
    assert not is_allowed(manager, SimpleAuthManagerUser(username="n", role=None), P(R, PIPELINES))
    assert is_allowed(manager, SimpleAuthManagerUser(username="a", role="admin"), P(D, CODE))
