"""Find the spec files named on the command line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dag_factory.spec.parsing import SPEC_SUFFIXES


def expand_spec_paths(paths: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Spec files named directly or found below named folders; plus paths that do not exist."""
    found: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SPEC_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            found.append(path)
        else:
            missing.append(raw)
    return found, missing
