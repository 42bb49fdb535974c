"""Hashing functions of the expression language: hex digests and ``hash64`` (see :mod:`.hash64`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from providers.expressions.arrow_udfs import BatchFunction, kernel_call
from providers.expressions.function_spec import Function, decoded
from providers.expressions.hash64 import HASHABLE
from providers.expressions.value_types import Operand

if TYPE_CHECKING:
    import pyarrow as pa

BYTES = frozenset({"string", "binary"})


def _hex_digests(algorithm: str) -> BatchFunction:
    def digests(arguments: Sequence[pa.Array], length: int) -> pa.Array:
        import pyarrow as pa

        digest = getattr(hashlib, algorithm)
        values = arguments[0].to_pylist()
        return pa.array(
            [None if value is None else digest(value, usedforsecurity=False).hexdigest() for value in values],
            pa.string(),
        )

    return digests


def _digest(algorithm: str) -> Callable[[list[Operand]], Operand]:
    def build(args: list[Operand]) -> Operand:
        import pyarrow as pa

        expression = kernel_call(algorithm, _hex_digests(algorithm), {"value": pa.binary()}, pa.string(),
                                 f"Hex {algorithm} digest", [decoded(args[0]).cast(pa.binary())])  # fmt: skip
        return Operand(expression, pa.string())

    return build


def _hash64(args: list[Operand]) -> Operand:
    import pyarrow as pa

    from providers.expressions.hash64 import hash_rows

    types = [arg.type for arg in args]
    # A kernel has fixed argument types: one is registered per list of types, named after it.
    signature = hashlib.sha1(repr(types).encode(), usedforsecurity=False).hexdigest()[:16]
    in_types = {f"value{index}": arrow_type for index, arrow_type in enumerate(types)}
    expression = kernel_call(f"hash64_{signature}", hash_rows, in_types, pa.int64(), "64-bit hash of a row",
                             [arg.expression for arg in args])  # fmt: skip
    return Operand(expression, pa.int64())


FUNCTIONS = (
    *(
        Function(algorithm, f"{algorithm}(value) -> text",
                 f"The {algorithm.upper()} digest of text (its UTF-8 bytes) or binary, as lower-case hex.",
                 f"{algorithm}(email)", "hashing", [BYTES], _digest(algorithm))
        for algorithm in ("md5", "sha1", "sha256")
    ),
    Function("hash64", "hash64(value, ...) -> int",
             "A fast 64-bit hash of one or more values, the same in every run (not for security). "
             "Nulls hash too, so it is never null; 1 and 1.0 or '1' differ, int32 and int64 do not.",
             "hash64(order_id, day)", "hashing", [HASHABLE], _hash64, variadic=True),
)  # fmt: skip
