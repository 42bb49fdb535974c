"""Cast a column with Arrow's safe cast, finding exactly which values do not convert."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


#: A superset of the text Arrow reads as a number (integers, hex, decimals, exponents, nan,
#: inf): text that does not match is surely bad; text that does is still checked by a cast.
NUMBER_TEXT = r"^\s*[+-]?(0x[0-9a-f]+|([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?|nan|inf|infinity)\s*$"


def castable(source: pa.DataType, target: pa.DataType) -> bool:
    """Whether Arrow can cast values of ``source`` to ``target`` at all (whatever the values)."""
    import pyarrow as pa

    try:
        pa.array([], type=source).cast(target)
    except pa.ArrowNotImplementedError:
        return False
    return True


def unconvertible(values: pa.Array, target: pa.DataType) -> np.ndarray:
    """A boolean mask of the values whose safe cast to ``target`` fails (nulls never fail).

    A safe cast fails for a whole array, so halves that fail are split again until single
    values remain: about ``2 k log2(n / k)`` casts for ``k`` bad values among ``n``, each
    done by Arrow's own parser, so the mask agrees with the cast exactly. Text that cannot
    be a number at all is marked first, in one pass, so a column of words costs no more
    than a column of numbers.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    bad = _not_number_text(values, target)
    if bad.any():
        values = pc.if_else(pa.array(bad), pa.scalar(None, values.type), values)
    pending = [(0, len(values))]
    while pending:
        start, length = pending.pop()
        try:
            pc.cast(values.slice(start, length), target, safe=True)
        except pa.ArrowInvalid:
            if length == 1:
                bad[start] = True
            else:
                half = length // 2
                pending += [(start + half, length - half), (start, half)]
    return bad


def _not_number_text(values: pa.Array, target: pa.DataType) -> np.ndarray:
    """For text cast to a number, the values that match not even :data:`NUMBER_TEXT`."""
    import numpy as np
    import pyarrow.compute as pc
    import pyarrow.types as t

    text = t.is_string(values.type) or t.is_large_string(values.type)
    numeric = t.is_integer(target) or t.is_floating(target) or t.is_decimal(target)
    if not (text and numeric):
        return np.zeros(len(values), dtype=bool)
    matches = pc.match_substring_regex(values, NUMBER_TEXT, ignore_case=True)
    return np.array(pc.invert(matches).fill_null(False), dtype=bool)


def cast_or_mask(values: pa.Array, target: pa.DataType) -> tuple[pa.Array, np.ndarray | None]:
    """``values`` cast to ``target``, and the mask of values that did not convert (None when all did).

    Values that did not convert are null in the cast array.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        return pc.cast(values, target, safe=True), None
    except pa.ArrowInvalid:
        bad = unconvertible(values, target)
    kept = pc.if_else(pa.array(bad), pa.scalar(None, values.type), values)
    return pc.cast(kept, target, safe=True), bad


def shown(value: Any) -> str:
    """A value as it appears in messages: its repr, shortened."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
