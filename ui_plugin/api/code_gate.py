"""Code-bearing nodes (raw SQL, Python callables) need ``Aggregator Code`` to be written.

A user without it may still edit the rest of a pipeline that holds such nodes, as long as
the code-bearing nodes come back exactly as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from airflow.api_fastapi.auth.managers.models.base_user import BaseUser

from ui_plugin.api.permissions import Action, Permission, PermissionDenied, Resource, is_allowed

CODE_PERMISSION = Permission(Action.EDIT, Resource.CODE)


def code_nodes(spec: Mapping[str, Any] | None) -> dict[str, tuple[Any, Any, Any]]:
    """The code-bearing nodes of spec data: ``{node id: (type, config, inputs)}``."""
    from dag_factory.registry.catalog import default_registry

    registry = default_registry()
    found: dict[str, tuple[Any, Any, Any]] = {}
    for node in (spec or {}).get("nodes") or ():
        if not isinstance(node, Mapping):
            continue
        node_type = node.get("type")
        if not isinstance(node_type, str):
            continue
        # A template's placeholder type (``${kind}``) may become a code-bearing type: count it.
        if "${" in node_type or (node_type in registry and registry.get(node_type).code_bearing):
            found[str(node.get("id"))] = (node.get("type"), node.get("config"), node.get("inputs"))
    return found


def changed_code_nodes(new: Mapping[str, Any] | None, old: Mapping[str, Any] | None) -> list[str]:
    """Ids of code-bearing nodes that ``new`` adds or changes compared with ``old``, sorted."""
    before = code_nodes(old)
    return sorted(node_id for node_id, node in code_nodes(new).items() if before.get(node_id) != node)


def require_code_permission(
    user: BaseUser, new: Mapping[str, Any] | None, old: Mapping[str, Any] | None = None
) -> None:
    """Raise 403 naming ``Aggregator Code`` if ``user`` adds or changes code-bearing nodes without it."""
    from airflow.api_fastapi.app import get_auth_manager

    changed = changed_code_nodes(new, old)
    if changed and not is_allowed(get_auth_manager(), user, CODE_PERMISSION):
        error = PermissionDenied(CODE_PERMISSION)
        assert isinstance(error.detail, dict)
        error.detail["field"] = "spec.nodes"
        error.detail["code_nodes"] = changed
        error.detail["message"] = (
            f"the nodes {', '.join(changed)} carry code (raw SQL or Python); writing them needs "
            f"{CODE_PERMISSION.action.value} on {CODE_PERMISSION.resource.value}"
        )
        raise error
