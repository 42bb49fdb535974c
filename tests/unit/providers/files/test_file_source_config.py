"""What the file source and sink accept as config: formats by name, options, column types."""

import re

import pytest
from pydantic import ValidationError

from providers.components.file_sink import FileSinkConfig
from providers.components.file_source import FileSourceConfig
from providers.files.column_types import arrow_type, check_type_name
from providers.files.formats import compression_of, detect_format, file_suffix, is_glob


@pytest.mark.parametrize(
    ("name", "fmt", "compression"),
    [
        ("orders.csv", "csv", None),
        ("ORDERS.TSV", "csv", None),
        ("data/orders_*.csv.gz", "csv", "gzip"),
        ("s3://b/raw/events.json", "json", None),
        ("events.jsonl.zst", "jsonl", "zstd"),
        ("events.ndjson.bz2", "jsonl", "bz2"),
        ("s3://b/raw/**/*.parquet", "parquet", None),
        ("part.pq", "parquet", None),
        ("data/folder/", None, None),
        ("report.xml", None, None),
    ],
)
def test_format_and_compression_come_from_the_name(name, fmt, compression):
    assert detect_format(name) == fmt
    assert compression_of(name) == compression


def test_globs_are_told_from_plain_paths():
    assert is_glob("data/orders_*.csv") and is_glob("x/file?.csv") and is_glob("x/[ab].csv")
    assert not is_glob("data/orders.csv")


def test_written_file_suffix_names_format_and_compression():
    assert file_suffix("csv", "gzip") == ".csv.gz"
    assert file_suffix("jsonl", "zstd") == ".jsonl.zst"
    assert file_suffix("parquet", None) == ".parquet"


def test_a_folder_without_format_is_refused_with_the_formats_to_choose_from():
    with pytest.raises(
        ValidationError, match=r"cannot tell the format of 'data/raw'.*csv, json, jsonl, parquet"
    ):
        FileSourceConfig.model_validate({"path": "data/raw"})
    assert FileSourceConfig.model_validate({"path": "data/raw", "format": "jsonl"}).format == "jsonl"


def test_templated_paths_are_checked_when_rendered():
    assert FileSourceConfig.model_validate({"path": "in/{{ ds }}"}).format is None


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"path": "a.parquet", "compression": "gzip"}, "Parquet files are compressed inside"),
        ({"path": "a.csv", "records": "data"}, "records applies to JSON documents"),
        ({"path": "a.csv", "csv": {"delimiter": ";;"}}, "at most 1 character"),
        ({"path": "a.csv", "csv": {"delimiter": '"'}}, "must differ"),
        ({"path": "a.csv", "csv": {"encoding": "klingon"}}, "unknown encoding 'klingon'"),
        ({"path": "a.csv", "csv": {"column_names": ["a", "a"]}}, "column names repeat: a"),
        ({"path": "a.csv", "csv": {"skip_rows": -1}}, "greater than or equal to 0"),
        ({"path": "a.csv", "column_types": {"id": "int"}}, "'int' is not an Arrow type name"),
        ({"path": "a.csv", "csv": {"delimeter": ";"}}, "delimeter"),
    ],
)
def test_source_config_errors_are_validation_errors(config, message):
    with pytest.raises(ValidationError, match=message):
        FileSourceConfig.model_validate(config)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"path": "out.json"}, "sink.file does not handle json files"),
        ({"path": "out.csv", "compression": "snappy"}, "not snappy"),
        ({"path": "out.parquet", "compression": "bz2"}, "Parquet compression is one of"),
        (
            {"path": "out.csv.gz", "compression": "zstd"},
            "compression is zstd but the name 'out.csv.gz' says gzip",
        ),
        ({"path": "out", "partition_by": ["day"]}, "cannot tell the format of 'out'"),
        ({"path": "out", "format": "csv", "partition_by": ["a", "a"]}, "repeats a column"),
    ],
)
def test_sink_config_errors_are_validation_errors(config, message):
    with pytest.raises(ValidationError, match=message):
        FileSinkConfig.model_validate(config)


def test_sink_stream_compression_follows_the_name_unless_set():
    assert FileSinkConfig.model_validate({"path": "o.csv.gz"}).stream_compression() == "gzip"
    assert FileSinkConfig.model_validate({"path": "o.jsonl"}).stream_compression() is None
    partitioned = {"path": "o", "format": "jsonl", "partition_by": ["d"], "compression": "zstd"}
    assert FileSinkConfig.model_validate(partitioned).stream_compression() == "zstd"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("int64", "int64"),
        ("Float64", "double"),
        ("string", "string"),
        ("bool", "bool"),
        ("date32", "date32[day]"),
        ("timestamp[us]", "timestamp[us]"),
        ("timestamp[ms, tz=Europe/Paris]", "timestamp[ms, tz=Europe/Paris]"),
        ("decimal128(18, 2)", "decimal128(18, 2)"),
        ("time64[us]", "time64[us]"),
    ],
)
def test_type_names_map_to_arrow_types(name, expected):
    assert str(arrow_type(name)) == expected


@pytest.mark.parametrize("name", ["int", "time32[us]", "decimal(0, 2)", "timestamp[days]", "list<int64>"])
def test_unknown_type_names_are_refused(name):
    with pytest.raises(ValueError, match=re.escape(name)):
        check_type_name(name)
