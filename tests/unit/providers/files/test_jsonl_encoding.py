"""JSON Lines written by Arrow kernels read back with Python's ``json`` as the values themselves."""

import datetime
import decimal
import json

import pyarrow as pa
import pytest

from providers.files.jsonl_encoding import jsonl_bytes

TRICKY_STRINGS = [
    "plain",
    'say "hi"',
    "back\\slash",
    "new\nline",
    "tab\tcr\r",
    "é 😀 中文",
    "\x01\x1f bell",
    "",
    None,
]


def decoded(batch: pa.RecordBatch) -> list[dict]:
    text = jsonl_bytes(batch).decode("utf-8")
    assert text.endswith("\n") and "\n\n" not in text
    return [json.loads(line) for line in text.splitlines()]


def test_strings_survive_quotes_backslashes_and_control_characters():
    batch = pa.record_batch({"s": TRICKY_STRINGS})
    assert [row["s"] for row in decoded(batch)] == TRICKY_STRINGS


def test_strings_without_rare_control_characters_take_the_same_result():
    plain = [s for s in TRICKY_STRINGS if s is None or not any(ord(c) < 32 and c not in "\n\r\t" for c in s)]
    assert [row["s"] for row in decoded(pa.record_batch({"s": plain}))] == plain


def test_numbers_booleans_and_nulls():
    batch = pa.record_batch(
        {
            "i": pa.array([1, -(2**62), None], pa.int64()),
            "u": pa.array([0, 2**63, 5], pa.uint64()),
            "f": [1.5, 2.0, None],
            "g": [float("nan"), float("inf"), -0.1],
            "b": [True, None, False],
        }
    )
    rows = decoded(batch)
    assert rows == [
        {"i": 1, "u": 0, "f": 1.5, "g": None, "b": True},
        {"i": -(2**62), "u": 2**63, "f": 2.0, "g": None, "b": None},
        {"i": None, "u": 5, "f": None, "g": -0.1, "b": False},
    ]
    assert isinstance(rows[1]["f"], float), "an integral float stays a float"


def test_dates_timestamps_and_decimals_are_iso_and_exact_strings():
    at = datetime.datetime(2026, 1, 2, 3, 4, 5, 123456)
    batch = pa.record_batch(
        {
            "d": [datetime.date(2026, 1, 2), None],
            "ts": pa.array([at, None], pa.timestamp("us")),
            "zoned": pa.array([at, None], pa.timestamp("us", tz="UTC")),
            "price": pa.array([decimal.Decimal("12345678901234.10"), None], pa.decimal128(16, 2)),
        }
    )
    first, second = decoded(batch)
    assert first["d"] == "2026-01-02"
    assert datetime.datetime.fromisoformat(first["ts"]) == at
    assert datetime.datetime.fromisoformat(first["zoned"]) == at.replace(tzinfo=datetime.UTC)
    assert first["price"] == "12345678901234.10"
    assert second == {"d": None, "ts": None, "zoned": None, "price": None}


def test_nested_and_binary_values_go_through_python_json():
    batch = pa.record_batch(
        {
            "tags": [["a", "b"], None],
            "point": [{"x": 1.0, "y": float("nan")}, {"x": 2.0, "y": 3.0}],
            "raw": [b"\x00\xff", None],
        }
    )
    assert decoded(batch) == [
        {"tags": ["a", "b"], "point": {"x": 1.0, "y": None}, "raw": "AP8="},
        {"tags": None, "point": {"x": 2.0, "y": 3.0}, "raw": None},
    ]


@pytest.mark.parametrize(("offset", "length"), [(0, 3), (1, 2), (2, 1), (3, 0)])
def test_slices_of_a_batch_encode_only_their_rows(offset, length):
    batch = pa.record_batch({"n": [0, 1, 2], "s": ["a", "b", "c"]}).slice(offset, length)
    if length == 0:
        assert jsonl_bytes(batch) == b""
    else:
        assert [row["n"] for row in decoded(batch)] == list(range(offset, offset + length))


def test_column_names_are_escaped():
    assert decoded(pa.record_batch({'a "quoted" name': [1]})) == [{'a "quoted" name': 1}]
