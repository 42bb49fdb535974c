"""``hash64``: a fast, non-cryptographic 64-bit hash of rows of values, the same in every process.

The algorithm (all arithmetic modulo 2**64, ``fmix`` is MurmurHash3's 64-bit finaliser)::

    fmix(x) = x ^= x >> 33; x *= 0xff51afd7ed558ccd; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53; x ^= x >> 33
    value(tag, b)  b: the value's bytes (below), padded with zero bytes to whole 8-byte words
                   w_0 .. w_n-1 read little-endian, L = the unpadded length
        s = sum over i of fmix(w_i ^ fmix(i + 1))
        value = fmix(s ^ fmix((tag << 56 | L) + GOLDEN))
    null = fmix(fmix(GOLDEN))                      (tag 0, no bytes)
    row = GOLDEN, then for each argument v: row = fmix(row * PRIME + value(v))
    result = row read as a signed 64-bit integer

with ``GOLDEN = 0x9e3779b97f4a7c15`` and ``PRIME = 0xc2b2ae3d27d4eb4f``. A value's bytes and
tag depend on its kind only, not on the column's exact type: ``bool`` (tag 1) one byte 0 or 1;
``int`` (2) the value as int64 (unsigned values above 2**63 wrap), 8 bytes two's complement;
``float`` (3) the float64 value, 8 bytes IEEE 754, with -0.0 read as 0.0 and every NaN as
0x7ff8000000000000; ``decimal`` (4) and ``text`` (5) the UTF-8 text (a decimal as Arrow writes
it, e.g. ``12.50``); ``binary`` (6) the bytes; ``date`` (7) days since 1970-01-01 as int64;
``timestamp`` (8), ``time`` (9) and ``duration`` (10) the int64 count of their unit, with the
unit added to the tag (``+ 16 *`` 0 for s, 1 for ms, 2 for us, 3 for ns), so one instant
stored at two precisions hashes twice.

Every step is a vectorised operation over a whole batch, bytes of text included.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

GOLDEN = 0x9E3779B97F4A7C15
PRIME = 0xC2B2AE3D27D4EB4F
TAGS = {"bool": 1, "int": 2, "float": 3, "decimal": 4, "string": 5, "binary": 6, "date": 7,
        "timestamp": 8, "time": 9, "duration": 10}  # fmt: skip
UNITS = {"s": 0, "ms": 1, "us": 2, "ns": 3}
HASHABLE = frozenset(TAGS)
"""The kinds ``hash64`` accepts."""


def hash_rows(arguments: Sequence[pa.Array], length: int) -> pa.Array:
    """The int64 hash of each of ``length`` rows; an argument of one value counts for every row."""
    import numpy as np
    import pyarrow as pa

    row = np.full(length, GOLDEN, dtype=np.uint64)
    for argument in arguments:
        values = np.broadcast_to(hash_values(argument), (length,))
        row = fmix(row * np.uint64(PRIME) + values)
    return pa.array(row.view(np.int64), pa.int64())


def hash_values(array: pa.Array) -> np.ndarray:
    """The 64-bit hash of each value of ``array`` (uint64), nulls included."""
    import numpy as np
    import pyarrow as pa

    from providers.expressions.value_types import kind_of

    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    kind = kind_of(array.type)
    if kind == "null":
        return np.full(len(array), _null_hash(), dtype=np.uint64)
    if kind not in TAGS:
        raise TypeError(f"hash64() cannot hash {array.type}")
    tag = TAGS[kind] + 16 * UNITS.get(getattr(array.type, "unit", "s"), 0)
    if kind in ("decimal", "string", "binary"):
        sums, lengths = _byte_sums(array)
    else:
        words, size = _fixed_words(array, kind)
        sums, lengths = fmix(words ^ fmix(np.ones(1, dtype=np.uint64))), np.full(len(array), size, np.uint64)
    seeds = fmix(((np.uint64(tag) << np.uint64(56)) | lengths) + np.uint64(GOLDEN))
    hashes = fmix(sums ^ seeds)
    valid = np.asarray(array.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    return np.where(valid, hashes, np.uint64(_null_hash()))


def fmix(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, element-wise over uint64 (wrapping)."""
    import numpy as np

    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


def _null_hash() -> int:
    import numpy as np

    return int(fmix(fmix(np.array([GOLDEN], dtype=np.uint64)))[0])


def _fixed_words(array: pa.Array, kind: str) -> tuple[np.ndarray, int]:
    """Each value as one little-endian word, and its length in bytes."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if kind == "bool":
        flags = pc.fill_null(array, False).to_numpy(zero_copy_only=False)
        return np.asarray(flags, dtype=np.uint64), 1
    if kind == "float":
        numbers = pc.fill_null(array.cast(pa.float64()), 0.0).to_numpy(zero_copy_only=False)
        numbers = np.where(np.isnan(numbers), np.nan, numbers + 0.0)  # + 0.0 turns -0.0 into 0.0
        return numbers.astype(np.float64).view(np.uint64), 8
    if pa.types.is_date64(array.type):
        array = array.cast(pa.date32(), safe=False)
    if kind != "int":
        array = array.view(pa.int32() if array.type.bit_width == 32 else pa.int64())
    integers = pc.fill_null(array, 0).to_numpy(zero_copy_only=False)
    return integers.astype(np.int64).view(np.uint64), 8


def _byte_sums(array: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """For each value: the sum of its mixed words, and its length in bytes."""
    import numpy as np
    import pyarrow as pa

    if pa.types.is_decimal(array.type):
        array = array.cast(pa.string())
    large = pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type)
    array = array.cast(pa.large_binary() if large else pa.binary())
    _, offsets_buffer, data_buffer = array.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64 if large else np.int32)
    offsets = offsets[array.offset : array.offset + len(array) + 1].astype(np.int64)
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    lengths = np.diff(offsets)
    word_counts = (lengths + 7) // 8
    word_starts = np.concatenate(([0], np.cumsum(word_counts)[:-1])).astype(np.int64)
    padded = np.zeros(int(word_counts.sum()) * 8, dtype=np.uint8)
    # Copy every value's bytes to the start of its own run of words, in one scatter.
    shift = np.repeat(word_starts * 8 - (offsets[:-1] - offsets[0]), lengths)
    padded[np.arange(len(shift)) + shift] = data[offsets[0] : offsets[-1]]
    words = padded.view("<u8").astype(np.uint64)
    positions = np.arange(len(words), dtype=np.uint64) - np.repeat(word_starts, word_counts).astype(np.uint64)
    mixed = fmix(words ^ fmix(positions + np.uint64(1)))
    sums = np.zeros(len(array), dtype=np.uint64)
    nonempty = word_counts > 0
    if nonempty.any():
        sums[nonempty] = np.add.reduceat(mixed, word_starts[nonempty])
    return sums, lengths.astype(np.uint64)
