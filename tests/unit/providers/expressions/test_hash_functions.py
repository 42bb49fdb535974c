"""md5/sha1/sha256 against hashlib; hash64 against a plain-Python rendering of its documented algorithm."""

import datetime as dt
import hashlib
import os
import struct
import subprocess
import sys
from decimal import Decimal

import pyarrow as pa
import pytest

from providers.expressions.compiler import compile_expression, evaluate
from providers.expressions.errors import ExpressionError

M = 2**64
GOLDEN, PRIME = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F
TAGS = {"bool": 1, "int": 2, "float": 3, "decimal": 4, "text": 5, "binary": 6, "date": 7, "timestamp": 8}
UNITS = {"s": 0, "ms": 1, "us": 2, "ns": 3}

ROWS = [
    {"name": "x", "blob": b"\x00\x01", "n": 1, "small": 1, "price": 1.5, "flag": True,
     "day": dt.date(2024, 1, 1), "at": dt.datetime(2024, 1, 1, 12, 0, 0, 7), "amount": Decimal("12.50")},
    {"name": "héllo wörld, a longer text of several words", "blob": b"", "n": -7, "small": -7, "price": -0.0,
     "flag": False, "day": dt.date(1969, 12, 31), "at": dt.datetime(1970, 1, 1), "amount": Decimal("-0.01")},
    dict.fromkeys(["name", "blob", "n", "small", "price", "flag", "day", "at", "amount"]),
    {"name": "", "blob": b"12345678", "n": 2**62, "small": 0, "price": float("nan"), "flag": True,
     "day": dt.date(2026, 11, 27), "at": dt.datetime(2262, 1, 1), "amount": Decimal("0.00")},
]  # fmt: skip
SCHEMA = pa.schema([
    ("name", pa.string()), ("blob", pa.binary()), ("n", pa.int64()), ("small", pa.int8()),
    ("price", pa.float64()), ("flag", pa.bool_()), ("day", pa.date32()), ("at", pa.timestamp("us")),
    ("amount", pa.decimal128(10, 2)),
])  # fmt: skip
TABLE = pa.Table.from_pylist(ROWS, schema=SCHEMA)


def fmix(x: int) -> int:
    x ^= x >> 33
    x = x * 0xFF51AFD7ED558CCD % M
    x ^= x >> 33
    x = x * 0xC4CEB9FE1A85EC53 % M
    return x ^ (x >> 33)


def value_hash(tag: int, data: bytes | None) -> int:
    if data is None:
        return fmix(fmix(GOLDEN))
    padded = data + b"\x00" * (-len(data) % 8)
    words = struct.unpack(f"<{len(padded) // 8}Q", padded)
    total = sum(fmix(word ^ fmix(i + 1)) for i, word in enumerate(words)) % M
    return fmix(total ^ fmix(((tag << 56 | len(data)) + GOLDEN) % M))


def canonical(column: str, value: object) -> tuple[int, bytes | None]:
    """The documented (tag, bytes) of a value of ``column``."""
    if value is None:
        return 0, None
    if column in ("n", "small"):
        return TAGS["int"], struct.pack("<q", value)
    if column == "price":
        bits = b"\x00\x00\x00\x00\x00\x00\xf8\x7f" if value != value else struct.pack("<d", value + 0.0)
        return TAGS["float"], bits
    if column == "flag":
        return TAGS["bool"], bytes([value])
    if column == "day":
        return TAGS["date"], struct.pack("<q", (value - dt.date(1970, 1, 1)).days)
    if column == "at":
        micros = (value - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1)
        return TAGS["timestamp"] + 16 * UNITS["us"], struct.pack("<q", micros)
    if column == "amount":
        return TAGS["decimal"], str(value).encode()
    if column == "blob":
        return TAGS["binary"], value
    return TAGS["text"], value.encode()


def reference_hash64(row: dict, columns: list[str]) -> int:
    result = GOLDEN
    for column in columns:
        result = fmix((result * PRIME + value_hash(*canonical(column, row[column]))) % M)
    return result - M if result >= 2**63 else result


def run(text: str, table: pa.Table = TABLE) -> list:
    return evaluate(compile_expression(text, table.schema), table).to_pylist()


@pytest.mark.parametrize("algorithm", ["md5", "sha1", "sha256"])
@pytest.mark.parametrize("column", ["name", "blob"])
def test_digests_match_hashlib_and_keep_nulls(algorithm, column):
    values = [row[column].encode() if isinstance(row[column], str) else row[column] for row in ROWS]
    expected = [None if value is None else hashlib.new(algorithm, value).hexdigest() for value in values]
    assert run(f"{algorithm}({column})") == expected


def test_digest_reads_large_and_dictionary_text_as_utf8():
    table = pa.table({
        "large": pa.array(["a", None, "ü"], pa.large_string()),
        "coded": pa.array(["a", None, "ü"]).dictionary_encode(),
    })  # fmt: skip
    expected = [hashlib.md5(b"a").hexdigest(), None, hashlib.md5("ü".encode()).hexdigest()]
    assert run("md5(large)", table) == expected
    assert run("md5(coded)", table) == expected


def test_digest_of_a_literal_is_the_same_on_every_row():
    assert run("sha256('abc')") == [hashlib.sha256(b"abc").hexdigest()] * len(ROWS)


@pytest.mark.parametrize(
    "columns",
    [["name"], ["blob"], ["n"], ["small"], ["price"], ["flag"], ["day"], ["at"], ["amount"],
     ["n", "name"], ["name", "n"], ["name", "blob", "n", "price", "flag", "day", "at", "amount"]],
)  # fmt: skip
def test_hash64_follows_the_documented_algorithm(columns):
    assert run(f"hash64({', '.join(columns)})") == [reference_hash64(row, columns) for row in ROWS]


def test_hash64_depends_on_the_kind_not_the_width_of_a_column():
    same = run("hash64(n) = hash64(small)")
    assert same == [True, True, True, False]  # the last row holds different numbers


def test_hash64_tells_kinds_apart_and_is_never_null():
    table = pa.table({"x": pa.array([None], pa.int64())})
    values = run("hash64(1)", table) + run("hash64(1.0)", table) + run("hash64('1')", table)
    assert len(set(values)) == 3
    assert run("hash64(x)", table) == run("hash64(null)", table) != [None]


def test_hash64_is_the_same_in_another_process():
    code = (
        "import pyarrow as pa; from providers.expressions.compiler import compile_expression, evaluate; "
        "t = pa.table({'s': ['orders', None]}); "
        "print(evaluate(compile_expression('hash64(s, 42)', t.schema), t).to_pylist())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    table = pa.table({"s": ["orders", None]})
    assert output.stdout.strip() == str(run("hash64(s, 42)", table))


def test_hash64_is_pinned_so_stored_hashes_stay_valid():
    # Pipelines store these hashes: a change of the algorithm must be deliberate.
    assert run("hash64('orders', 42)", pa.table({"x": [1]})) == [2175128481485883490]


def test_hash64_keeps_the_unit_of_temporal_values_apart():
    instant = dt.datetime(2026, 1, 31, 12, 0)
    table = pa.table({
        "ms": pa.array([instant], pa.timestamp("ms")),
        "us": pa.array([instant], pa.timestamp("us")),
        "took": pa.array([dt.timedelta(seconds=5)], pa.duration("s")),
        "at": pa.array([dt.time(8, 30)], pa.time32("s")),
        "old": pa.array([dt.date(2020, 2, 29)], pa.date64()),
        "day": pa.array([dt.date(2020, 2, 29)], pa.date32()),
    })  # fmt: skip
    assert run("hash64(ms) != hash64(us)", table) == [True]
    assert run("hash64(to_timestamp(ms)) = hash64(us)", table) == [True]
    assert run("hash64(old) = hash64(day)", table) == [True]
    assert run("hash64(took) != hash64(at)", table) == [True]


def test_hash64_over_a_sliced_batch_reads_only_its_rows():
    table = TABLE.slice(1, 2)
    assert run("hash64(name, blob)", table) == [reference_hash64(row, ["name", "blob"]) for row in ROWS[1:3]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("md5(n)", "argument 1 of md5() needs binary or string, not int"),
        ("sha1(name, name)", "sha1(value) -> text: got 2 argument(s)"),
        ("hash64()", "hash64(value, ...) -> int: got 0 argument(s)"),
        ("hash64(name, unknown)", "unknown column 'unknown'"),
    ],
)
def test_bad_calls_name_the_problem(text, message):
    with pytest.raises(ExpressionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compile_expression(text, SCHEMA)
