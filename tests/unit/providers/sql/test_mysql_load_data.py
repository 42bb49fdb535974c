"""The CSV that ``LOAD DATA LOCAL INFILE`` reads: NULL, empty text and quotes stay distinct (no database)."""

import datetime as dt
from decimal import Decimal

import pyarrow as pa

from providers.sql.mysql_load_data import batch_csv, is_refused


def test_every_value_is_quoted_and_null_is_the_bare_word():
    batch = pa.record_batch(
        {
            "text": [None, "", "NULL", 'say "hi"\nbye'],
            "n": pa.array([1, None, -3, 4], pa.int64()),
            "flag": [True, False, None, True],
        }
    )
    assert bytes(batch_csv(batch)).split(b"\n") == [
        b'NULL,"1","1"',
        b'"",NULL,"0"',
        b'"NULL","-3",NULL',
        b'"say ""hi""',
        b'bye","4","1"',
        b"",
    ]


def test_types_render_as_mysql_reads_them():
    batch = pa.record_batch(
        {
            "at": pa.array([dt.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC)], pa.timestamp("us", "UTC")),
            "price": pa.array([Decimal("-7.50")], pa.decimal128(10, 2)),
            "wait": pa.array([dt.timedelta(seconds=2)], pa.duration("ms")),
            "raw": pa.array([b'\x00"\xff'], pa.binary()),
            "tags": pa.array([["a"]], pa.list_(pa.string())),
        }
    )
    assert (
        bytes(batch_csv(batch)) == b'"2024-01-02 03:04:05.000006","-7.50","2000000","\x00""\xff","[""a""]"\n'
    )


def test_a_slice_renders_only_its_rows():
    batch = pa.record_batch({"n": pa.array(range(10))}).slice(3, 2)
    assert bytes(batch_csv(batch)) == b'"3"\n"4"\n'


def test_refusals_of_local_files_are_recognised_by_error_code():
    assert is_refused(Exception(4166, "disabled the local infile capability"))
    assert is_refused(Exception(1148, "The used command is not allowed"))
    assert not is_refused(Exception(1045, "Access denied"))
    assert not is_refused(Exception("no code"))
