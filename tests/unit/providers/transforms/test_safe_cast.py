"""Bad values found in one pass over a column agree with casting each value alone."""

import pyarrow as pa
import pytest

from providers.transforms.safe_cast import cast_or_mask

TEXTS = [
    "1", "-1", "+1", "0x1F", "0X1f", "-0x1f", "1.5", ".5", "5.", "1e3", "1E-3", "+.5e+2", "nan", "NaN",
    "inf", "-inf", "Infinity", " 1", "1 ", "", "1_000", "1,5", "1e", "e1", "x", "٣", "300", "-129",
    "99999999999999999999",
    "2026-01-31", "2026-02-30", "2026-01-31T12:00:00Z", "true", "0", None,
]  # fmt: skip
TARGETS = [
    pa.int64(), pa.int8(), pa.uint8(), pa.float32(), pa.float64(), pa.decimal128(10, 2), pa.date32(),
    pa.timestamp("us", "UTC"), pa.bool_(),
]  # fmt: skip


def converts_alone(text: str | None, target: pa.DataType) -> bool:
    try:
        pa.array([text], pa.string()).cast(target, safe=True)
    except pa.ArrowInvalid:
        return False
    return True


@pytest.mark.parametrize("target", TARGETS, ids=str)
@pytest.mark.parametrize("repeat", [1, 50])
def test_the_mask_marks_exactly_the_values_that_do_not_convert_alone(target, repeat):
    texts = TEXTS * repeat
    converted, bad = cast_or_mask(pa.array(texts, pa.string()), target)
    expected = [not converts_alone(text, target) for text in texts]
    assert list(bad) == expected
    assert converted.null_count == sum(expected) + texts.count(None)
