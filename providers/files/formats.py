"""File formats and compressions, as told by a file name.

Imported when specs are validated, so it must not import pyarrow.
"""

from __future__ import annotations

from typing import Literal

FileFormat = Literal["csv", "json", "jsonl", "parquet"]
Compression = Literal["gzip", "zstd", "bz2"]

_SUFFIXES: dict[str, FileFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
COMPRESSION_SUFFIXES: dict[str, Compression] = {".gz": "gzip", ".zst": "zstd", ".bz2": "bz2"}
GLOB_CHARACTERS = frozenset("*?[")


def _file_name(location: str) -> str:
    return location.rstrip("/").rsplit("/", 1)[-1].lower()


def detect_format(location: str) -> FileFormat | None:
    """The format implied by a file name (``orders.csv.gz`` is CSV), or ``None``."""
    name = _file_name(location)
    for suffix in COMPRESSION_SUFFIXES:
        name = name.removesuffix(suffix)
    for suffix, fmt in _SUFFIXES.items():
        if name.endswith(suffix):
            return fmt
    return None


def compression_of(location: str) -> Compression | None:
    """The compression implied by a file name (``.gz``, ``.zst``, ``.bz2``), or ``None``."""
    name = _file_name(location)
    for suffix, codec in COMPRESSION_SUFFIXES.items():
        if name.endswith(suffix):
            return codec
    return None


def is_tab_separated(location: str) -> bool:
    """Whether the name says tab-separated values (``.tsv``, ``.tsv.gz``)."""
    name = _file_name(location)
    for suffix in COMPRESSION_SUFFIXES:
        name = name.removesuffix(suffix)
    return name.endswith(".tsv")


def is_glob(location: str) -> bool:
    """Whether a path is a glob pattern (``*``, ``?`` or ``[...]``) rather than one file or folder."""
    return any(char in GLOB_CHARACTERS for char in location)


def file_suffix(fmt: FileFormat, compression: Compression | None) -> str:
    """The file name ending written for a format and a compression, e.g. ``.csv.gz``."""
    ending = {"csv": ".csv", "json": ".json", "jsonl": ".jsonl", "parquet": ".parquet"}[fmt]
    if compression:
        ending += {codec: suffix for suffix, codec in COMPRESSION_SUFFIXES.items()}[compression]
    return ending
