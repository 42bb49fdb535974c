"""Turn a source path (one file, a folder or a glob) into the sorted list of files to read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from providers.files.formats import GLOB_CHARACTERS, FileFormat, detect_format, is_glob
from providers.files.hive_paths import partition_values


@dataclass(frozen=True)
class FileRef:
    """One file to read: the filesystem that holds it, its path there, and its URL.

    :param fs: An fsspec filesystem, already authenticated through the connection.
    :param path: The path as that filesystem names it (``bucket/key`` for object stores).
    :param uri: The full URL, for messages and logs.
    :param root: The folder that was read, or the fixed part of the glob (before any wildcard).
    """

    fs: Any
    path: str
    uri: str
    root: str = ""

    def partition_values(self) -> dict[str, str | None]:
        """The Hive-style ``key=value`` folders between the read root and the file."""
        return partition_values(self.path[len(self.root) :] if self.path.startswith(self.root) else "")

    @property
    def is_local(self) -> bool:
        """Whether the file is on the local disk (pyarrow can then open it natively)."""
        protocol = self.fs.protocol
        return "file" in (protocol if isinstance(protocol, tuple) else (protocol,))


def _is_hidden(path: str, root: str) -> bool:
    # Spark, Hive and our own atomic writes leave _SUCCESS, .crc and .partial files beside data.
    relative = path[len(root) :].lstrip("/")
    return any(part.startswith((".", "_")) for part in relative.split("/"))


def _name_is_hidden(path: str) -> bool:
    return path.rsplit("/", 1)[-1].startswith((".", "_"))


def match_files(location: Any, fmt: FileFormat) -> list[FileRef]:
    """The files that ``location`` (an ``ObjectStoragePath``) names, sorted by path.

    A glob matches files (``**`` spans folders); a folder yields every file of format ``fmt``
    below it. Names starting with ``.`` or ``_`` are skipped. Raises ``FileNotFoundError``
    naming the path when nothing matches.
    """
    fs = location.fs
    path = location.path
    root = path.rsplit("/", 1)[0]
    if is_glob(path):
        first_wildcard = min(path.index(char) for char in GLOB_CHARACTERS if char in path)
        root = path[:first_wildcard].rsplit("/", 1)[0]
        hits = fs.glob(path, detail=True)
        found = [
            hit for hit, info in hits.items() if info.get("type") != "directory" and not _name_is_hidden(hit)
        ]
        if not found:
            raise FileNotFoundError(f"no file matches the pattern {location}")
    elif fs.isdir(path):
        root = path.rstrip("/")
        inside = [hit for hit in fs.find(path) if not _is_hidden(hit, path)]
        found = [hit for hit in inside if detect_format(hit) == fmt]
        if not found:
            raise FileNotFoundError(
                f"no {fmt} file in the folder {location} ({len(inside)} other files); "
                "set format to match the files, or use a glob"
            )
    elif fs.exists(path):
        found = [path]
    else:
        raise FileNotFoundError(f"no file at {location}")
    return [FileRef(fs=fs, path=hit, uri=fs.unstrip_protocol(hit), root=root) for hit in sorted(found)]
