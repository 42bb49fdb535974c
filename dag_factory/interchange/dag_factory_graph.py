"""Turn dag-factory ``dependencies`` (on tasks or task groups) into spec ``inputs``.

Task groups are flattened the way Airflow wires them: a dependency on a group means its
last tasks (the ones no other member depends on), and a group's own dependencies go to
its first tasks. Dropped tasks are bridged: a kept task's inputs skip over them to the
nearest kept tasks upstream.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dag_factory.interchange.dag_factory_report import UnmappedItem


class DependencyGraph:
    """Upstream task ids of every task, with task groups resolved."""

    def __init__(self, tasks: dict[str, dict[str, Any]], groups: dict[str, dict[str, Any]]) -> None:
        self.unmapped: list[UnmappedItem] = []
        self._tasks = tasks
        self._groups = groups
        self._members = {group: self._members_of(group) for group in groups}
        direct = {task: self._names(task, conf.get("dependencies")) for task, conf in tasks.items()}
        self.upstream: dict[str, list[str]] = {}
        for task in tasks:
            names = list(direct[task])
            for group in self._groups_of(task):
                members = self._members[group]
                if not any(name in members for name in direct[task]):
                    names += self._names(None, groups[group].get("dependencies"), group)
            self.upstream[task] = _unique(t for name in names for t in self._resolve(name, direct))

    def members(self, group: str) -> list[str]:
        """Tasks of ``group`` and of the groups nested in it, in file order."""
        return self._members[group]

    def inputs(self, task: str, kept: set[str]) -> list[str]:
        """Nearest kept tasks upstream of ``task``, looking through dropped ones."""
        found: list[str] = []
        seen: set[str] = set()
        stack = list(reversed(self.upstream[task]))
        while stack:
            upstream = stack.pop()
            if upstream in seen:
                continue
            seen.add(upstream)
            if upstream in kept:
                found.append(upstream)
            else:
                stack.extend(reversed(self.upstream.get(upstream, [])))
        return _unique(found)

    def _names(self, task: str | None, value: Any, group: str | None = None) -> list[str]:
        where = f"task_groups.{group}.dependencies" if group else "dependencies"
        if value is None:
            return []
        if not isinstance(value, list):
            value = [value]
        names = []
        for name in value:
            if isinstance(name, str) and (name in self._tasks or name in self._groups):
                names.append(name)
            else:
                item = UnmappedItem(task, where, f"unknown task or task group {name!r}")
                if item not in self.unmapped:
                    self.unmapped.append(item)
        return names

    def _resolve(self, name: str, direct: dict[str, list[str]]) -> list[str]:
        if name in self._tasks:
            return [name]
        members = self._members[name]
        needed = {up for member in members for up in direct[member]}
        return [member for member in members if member not in needed]

    def _groups_of(self, task: str) -> list[str]:
        groups = []
        group = self._tasks[task].get("task_group_name")
        while isinstance(group, str) and group in self._groups and group not in groups:
            groups.append(group)
            group = self._groups[group].get("parent_group_name")
        return groups

    def _members_of(self, group: str) -> list[str]:
        return [task for task in self._tasks if group in self._groups_of(task)]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
