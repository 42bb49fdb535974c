"""``ComponentRegistry``: the node types known to this deployment, and how they are found.

Node types come from the ``airflow_aggregator.components`` entry point group (built-ins
included) and from modules in Airflow's plugins folder that declare ``ComponentType``
objects at top level. Discovery runs once per process.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

from dag_factory.registry.component import ComponentType

ENTRY_POINT_GROUP = "airflow_aggregator.components"
_PLUGIN_MARKER = b"ComponentType"

log = logging.getLogger(__name__)


class UnknownComponentError(KeyError):
    """No node type of this name is registered."""


class ComponentRegistry:
    """A name-indexed set of node types."""

    def __init__(self, components: Iterable[ComponentType] = ()) -> None:
        self._components: dict[str, ComponentType] = {}
        for component in components:
            self.register(component)

    def register(self, component: ComponentType) -> None:
        """Add a node type; a second type of the same name is refused."""
        existing = self._components.get(component.name)
        if existing is not None and existing is not component:
            raise ValueError(f"node type {component.name!r} is registered twice")
        self._components[component.name] = component

    def get(self, name: str) -> ComponentType:
        """The node type called ``name``."""
        try:
            return self._components[name]
        except KeyError:
            raise UnknownComponentError(name) from None

    def __contains__(self, name: object) -> bool:
        return name in self._components

    def __iter__(self) -> Iterator[ComponentType]:
        return iter(sorted(self._components.values(), key=lambda c: c.name))

    def names(self) -> list[str]:
        """All registered type names, sorted."""
        return sorted(self._components)


def components_from_entry_points() -> Iterator[ComponentType]:
    """Node types published by installed distributions."""
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        yield from _as_components(entry_point.load(), f"entry point {entry_point.value}")


def components_from_plugins_folder(folder: Path) -> Iterator[ComponentType]:
    """Node types declared at top level of ``.py`` modules in an Airflow plugins folder.

    Only files that mention ``ComponentType`` are imported. The folder is on ``sys.path``
    in Airflow's processes; it is added here too so that modules import the same way.
    """
    if not folder.is_dir():
        return
    if str(folder) not in sys.path:
        sys.path.append(str(folder))
    for path in sorted(folder.rglob("*.py")):
        if _PLUGIN_MARKER not in path.read_bytes():
            continue
        module_name = ".".join(path.relative_to(folder).with_suffix("").parts)
        module = sys.modules.get(module_name) or _import_file(module_name, path)
        for value in vars(module).values():
            if isinstance(value, ComponentType):
                yield value


def _import_file(module_name: str, path: Path) -> object:
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _as_components(value: object, origin: str) -> list[ComponentType]:
    items = value if isinstance(value, list | tuple) else [value]
    bad = [item for item in items if not isinstance(item, ComponentType)]
    if bad:
        raise TypeError(f"{origin} must provide ComponentType objects, got {bad[0]!r}")
    return list(items)  # type: ignore[arg-type]


def plugins_folder() -> Path | None:
    """Airflow's ``[core] plugins_folder``, read without importing Airflow when possible."""
    configured = os.environ.get("AIRFLOW__CORE__PLUGINS_FOLDER")
    if configured:
        return Path(configured)
    from airflow.configuration import conf

    value = conf.get("core", "plugins_folder", fallback=None)
    return Path(value) if value else None


@cache
def default_registry() -> ComponentRegistry:
    """The registry of this process: entry points plus the plugins folder."""
    registry = ComponentRegistry(components_from_entry_points())
    folder = plugins_folder()
    if folder is not None:
        for component in components_from_plugins_folder(folder):
            registry.register(component)
    return registry
