"""Open files as pyarrow streams, decompressing or compressing on the way."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from providers.files.formats import Compression

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.files.file_matching import FileRef


def open_input(ref: FileRef, compression: Compression | None) -> pa.NativeFile:
    """A readable stream of the file's (decompressed) bytes."""
    import pyarrow as pa

    # Local files are read by pyarrow itself: no Python call per read, no GIL held.
    raw = pa.OSFile(ref.path, "rb") if ref.is_local else pa.PythonFile(ref.fs.open(ref.path, "rb"), mode="r")
    return pa.CompressedInputStream(raw, compression) if compression else raw


def open_random_access(ref: FileRef) -> Any:
    """A seekable handle, as Parquet needs (it reads the footer first)."""
    import pyarrow as pa

    # Not memory-mapped: mapped pages that were read count towards the task's resident memory.
    return pa.OSFile(ref.path, "rb") if ref.is_local else ref.fs.open(ref.path, "rb")


def read_sample(ref: FileRef, compression: Compression | None, size: int) -> bytes:
    """The first ``size`` (decompressed) bytes of the file."""
    with open_input(ref, compression) as stream:
        return stream.read(size)


def compressed_output(handle: Any, compression: Compression | None) -> pa.NativeFile:
    """Wrap a writable file (Python or Arrow) so that what is written to it is compressed."""
    import pyarrow as pa

    sink = handle if isinstance(handle, pa.NativeFile) else pa.PythonFile(handle, mode="w")
    return pa.CompressedOutputStream(sink, compression) if compression else sink
