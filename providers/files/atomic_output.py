"""Write a file so that readers see the old version or the complete new one, never a part."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

#: Writes reach the store in pieces of this size: writers such as Parquet's make many small
#: writes, each of which costs a call through the object store's file wrapper.
WRITE_BUFFER_BYTES = 8 * 1024 * 1024


@contextmanager
def atomic_output(target: Any) -> Iterator[pa.NativeFile]:
    """Open a uniquely named temporary file next to ``target``; rename it over ``target`` on success.

    ``target`` is an ``ObjectStoragePath``. Concurrent writers each get their own temporary
    file; the temporary file is removed when writing fails. The handle is a buffered Arrow
    output stream.
    """
    import pyarrow as pa

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.parent / f".{target.name}.{uuid.uuid4().hex}.partial"
    try:
        with partial.open("wb") as raw:
            handle = pa.output_stream(raw, buffer_size=WRITE_BUFFER_BYTES)
            try:
                yield handle
            finally:
                handle.close()
        partial.rename(target)
    except BaseException:
        if partial.exists():
            partial.unlink()
        raise
