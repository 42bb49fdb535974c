"""Structural comparison of two JSON values, as a list of changes at spec paths."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from dag_factory.spec.errors import SpecPath, format_path

ChangeKind = Literal["added", "removed", "changed"]

_MIRROR_KIND: dict[ChangeKind, ChangeKind] = {"added": "removed", "removed": "added", "changed": "changed"}


@dataclass(frozen=True)
class ValueChange:
    """One value that differs between two versions.

    ``added``: the key or list item exists only in the new version (``old`` is ``None``);
    ``removed``: only in the old version (``new`` is ``None``); ``changed``: in both.
    """

    path: SpecPath
    kind: ChangeKind
    old: Any = None
    new: Any = None

    @property
    def location(self) -> str:
        """The path as users read it: ``columns.amount``, ``partition_by[1]``."""
        return format_path(self.path) or "<value>"

    def reversed(self) -> ValueChange:
        """The same change seen from the new version back to the old one."""
        return ValueChange(self.path, _MIRROR_KIND[self.kind], old=self.new, new=self.old)

    def to_data(self) -> dict[str, Any]:
        """A JSON-friendly form; ``old``/``new`` are left out where the value does not exist."""
        data: dict[str, Any] = {"path": self.location, "change": self.kind}
        if self.kind != "added":
            data["old"] = self.old
        if self.kind != "removed":
            data["new"] = self.new
        return data


def same_value(old: Any, new: Any) -> bool:
    """Whether two JSON values are equal, treating ``true``, ``1`` and ``1.0`` as different.

    Python's ``==`` says ``True == 1 == 1.0``, but the spec text and its content hash
    differ, and a config may read them differently (a flag versus a count).
    """
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(same_value(old[k], new[k]) for k in old)
    if isinstance(old, list):
        return len(old) == len(new) and all(same_value(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def diff_values(old: Any, new: Any, path: SpecPath = ()) -> list[ValueChange]:
    """The changes that turn ``old`` into ``new``, at the deepest path where they differ.

    Mappings are compared key by key (keys sorted, so the result does not depend on the
    order they were written in) and lists item by item, by index. Anything else, or a
    value whose kind changed (a list that became a string), is one ``changed`` entry.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[ValueChange] = []
        for key in sorted(old.keys() | new.keys(), key=str):
            if key not in new:
                changes.append(ValueChange((*path, key), "removed", old=old[key]))
            elif key not in old:
                changes.append(ValueChange((*path, key), "added", new=new[key]))
            else:
                changes.extend(diff_values(old[key], new[key], (*path, key)))
        return changes
    if isinstance(old, list) and isinstance(new, list):
        changes = []
        for index in range(max(len(old), len(new))):
            if index >= len(new):
                changes.append(ValueChange((*path, index), "removed", old=old[index]))
            elif index >= len(old):
                changes.append(ValueChange((*path, index), "added", new=new[index]))
            else:
                changes.extend(diff_values(old[index], new[index], (*path, index)))
        return changes
    if same_value(old, new):
        return []
    return [ValueChange(path, "changed", old=old, new=new)]
