"""Find the spec files named on the command line, and read input files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dag_factory.spec.parsing import SPEC_SUFFIXES

if TYPE_CHECKING:
    from dag_factory.cli.terminal import Terminal


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


def spec_files_or_report(paths: Iterable[str], terminal: Terminal) -> tuple[list[Path], bool]:
    """The spec files of ``paths``, and whether all were found; what is missing is reported."""
    files, missing = expand_spec_paths(paths)
    for path in missing:
        terminal.error(f"{path}: no such file or folder")
    if not files and not missing:
        terminal.error("no spec files (.yaml, .yml, .json) found")
    return files, bool(files) and not missing


def read_text_or_report(path: Path, terminal: Terminal) -> str | None:
    """The UTF-8 text of ``path``, or None after reporting why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        terminal.error(f"cannot read {path}: {exc}")
        return None
