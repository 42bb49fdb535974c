"""The Asset of a ``sink.file`` node: the file (or, for a templated path, its folder) it writes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from dag_factory.registry.component import AssetTarget

TEMPLATE_START = "{{"


def file_asset(config: Mapping[str, Any], spec_folder: str | None) -> AssetTarget | None:
    """``file:///abs/path`` for a local path (relative ones resolve against the spec folder), the
    URL itself for object storage; a path with a Jinja template gives the folder before it, so
    every run's file is one asset (``out/{{ ds }}.csv`` -> ``.../out``).

    None when the path is relative and the spec folder is unknown, or templated from its start.
    """
    path = str(config.get("path") or "")
    if TEMPLATE_START in path:
        path = path[: path.index(TEMPLATE_START)].rpartition("/")[0]
    if not path or path.endswith(":/"):
        return None
    if "://" in path:
        return AssetTarget(uri=path.rstrip("/"))
    if path.startswith("~"):
        return None
    local = PurePosixPath(path)
    if not local.is_absolute():
        if spec_folder is None:
            return None
        local = PurePosixPath(spec_folder) / local
    return AssetTarget(uri=f"file://{_normalized(local)}")


def _normalized(path: PurePosixPath) -> str:
    """``/a/b/../c`` -> ``/a/c`` without touching the file system (parse time does no I/O)."""
    import posixpath

    return posixpath.normpath(str(path))
