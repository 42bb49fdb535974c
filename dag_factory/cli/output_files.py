"""Write the files a command produces: all of them, or none when one would be overwritten."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_SAFE_FILE_STEM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


class OverwriteRefusedError(FileExistsError):
    """Files that already exist and were not written; ``paths`` lists every one."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(
            f"{len(paths)} file(s) already exist, nothing written (use --force to overwrite): "
            + ", ".join(str(path) for path in paths)
        )


def is_safe_file_stem(name: str) -> bool:
    """Whether ``name`` can be a file name in the output folder (no separators, no leading dot)."""
    return _SAFE_FILE_STEM.fullmatch(name) is not None


def write_files(files: Mapping[Path, str], *, force: bool) -> None:
    """Write every file; unless ``force``, raise :class:`OverwriteRefusedError` first if any exists.

    Existing files are checked before anything is written, so a refused command leaves the
    output folder as it was.
    """
    existing = [path for path in files if path.exists()]
    if existing and not force:
        raise OverwriteRefusedError(existing)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def add_output_arguments(parser: Any) -> None:
    """``--output-dir DIR`` and ``--force``, as every command writing spec files takes them."""
    parser.add_argument("--output-dir", default=".", metavar="DIR", help="where to write (default: .)")
    parser.add_argument("--force", action="store_true", help="overwrite spec files that exist")
