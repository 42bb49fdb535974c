"""Write a file so that readers see the old version or the complete new one, never a part."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO


@contextmanager
def atomic_output(target: Any) -> Iterator[BinaryIO]:
    """Open a uniquely named temporary file next to ``target``; rename it over ``target`` on success.

    ``target`` is an ``ObjectStoragePath``. Concurrent writers each get their own temporary
    file; the temporary file is removed when writing fails.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.parent / f".{target.name}.{uuid.uuid4().hex}.partial"
    try:
        with partial.open("wb") as handle:
            yield handle
        partial.rename(target)
    except BaseException:
        if partial.exists():
            partial.unlink()
        raise
