"""CSV options of ``source.file``, each checked against Python's ``csv`` module."""

import csv
import gzip
import io
import logging

import airflow.sdk  # noqa: F401 - configures logging first, which would disable the loggers made before
import pyarrow as pa
import pytest

from providers.components.file_source import FileSourceConfig, read_file
from providers.execution.node_run import NodeRun


def read(folder, **config) -> pa.Table:
    log = logging.getLogger("tests.file_source")
    run = NodeRun(node_id="orders", dag_id="d", run_id="r", spec_folder=folder, log=log)
    return read_file(run, FileSourceConfig.model_validate(config), []).read_all()


def python_rows(text: str, **dialect) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), **dialect))


def as_text(table: pa.Table) -> list[list[str]]:
    """Every value as the text the CSV held (nulls as empty), header first."""
    rows = [[("" if value is None else str(value)) for value in row.values()] for row in table.to_pylist()]
    return [table.column_names, *rows]


def test_default_options_read_a_plain_csv_like_python_does(tmp_path):
    text = 'id,name,note\n1,Ann,"says ""hi"", twice"\n2,Bob,"line\nbreak"\n3,,x\n'
    (tmp_path / "a.csv").write_text(text)
    table = read(tmp_path, path="a.csv", column_types={"id": "string"})
    assert as_text(table) == python_rows(text)
    assert table.column("name").null_count == 1


def test_delimiter_and_quote_char(tmp_path):
    text = "id;name\n1;'a;b'\n2;'c''d'\n"
    (tmp_path / "a.csv").write_text(text)
    table = read(
        tmp_path, path="a.csv", csv={"delimiter": ";", "quote_char": "'"}, column_types={"id": "string"}
    )
    assert as_text(table) == python_rows(text, delimiter=";", quotechar="'")


def test_escape_char(tmp_path):
    text = 'id,name\n1,"a \\"quoted\\" word"\n2,b\\,c\n'
    (tmp_path / "a.csv").write_text(text)
    table = read(tmp_path, path="a.csv", csv={"escape_char": "\\"}, column_types={"id": "string"})
    assert as_text(table) == python_rows(text, escapechar="\\", doublequote=False)
    assert table.column("name").to_pylist() == ['a "quoted" word', "b,c"]


def test_tsv_files_default_to_tabs(tmp_path):
    text = "id\tname\n1\ta,b\n"
    (tmp_path / "a.tsv").write_text(text)
    assert read(tmp_path, path="a.tsv").to_pylist() == [{"id": 1, "name": "a,b"}]


def test_without_header_columns_are_named_or_generated(tmp_path):
    (tmp_path / "a.csv").write_text("1,x\n2,y\n")
    assert read(tmp_path, path="a.csv", csv={"header": False}).column_names == ["f0", "f1"]
    named = read(tmp_path, path="a.csv", csv={"header": False, "column_names": ["id", "code"]})
    assert named.to_pylist() == [{"id": 1, "code": "x"}, {"id": 2, "code": "y"}]


def test_column_names_replace_the_header_line(tmp_path):
    (tmp_path / "a.csv").write_text("ID,Code\n1,x\n")
    table = read(tmp_path, path="a.csv", csv={"column_names": ["id", "code"]})
    assert table.to_pylist() == [{"id": 1, "code": "x"}]


def test_skip_rows_skips_lines_before_the_header(tmp_path):
    (tmp_path / "a.csv").write_text("exported 2026-01-01\n\nid,v\n1,2\n")
    assert read(tmp_path, path="a.csv", csv={"skip_rows": 2}).to_pylist() == [{"id": 1, "v": 2}]


def test_null_values_replace_the_defaults(tmp_path):
    (tmp_path / "a.csv").write_text("id,v\n1,-\n2,NULL\n3,\n")
    table = read(tmp_path, path="a.csv", csv={"null_values": ["-"]}, column_types={"v": "string"})
    assert table.column("v").to_pylist() == [None, "NULL", ""]
    default = read(tmp_path, path="a.csv", column_types={"v": "string"})
    assert default.column("v").to_pylist() == ["-", None, None]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16"])
def test_any_python_encoding_is_transcoded(tmp_path, encoding):
    text = "city,price\nZürich,3\nSão Paulo,4\n"
    (tmp_path / "a.csv").write_bytes(text.encode(encoding))
    table = read(tmp_path, path="a.csv", csv={"encoding": encoding})
    assert table.column("city").to_pylist() == [row[0] for row in python_rows(text)[1:]]


def test_column_types_override_inference(tmp_path):
    (tmp_path / "a.csv").write_text("zip,day,at,amount,ok\n01234,2026-01-02,2026-01-02 03:04:05,1.50,true\n")
    table = read(
        tmp_path,
        path="a.csv",
        column_types={"zip": "string", "day": "date32", "at": "timestamp[us]", "amount": "decimal128(10, 2)"},
    )
    assert table.schema.field("zip").type == pa.string()
    assert table.column("zip").to_pylist() == ["01234"]
    assert str(table.schema.field("day").type) == "date32[day]"
    assert str(table.schema.field("at").type) == "timestamp[us]"
    assert str(table.column("amount")[0].as_py()) == "1.50"
    assert table.column("ok").to_pylist() == [True]


def test_sniffing_detects_delimiter_quote_and_header_and_logs_them(tmp_path, caplog):
    rows = [["id", "name", "city"], *([str(i), f"n;{i}", "Lyon"] for i in range(50))]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", quotechar="'", quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
    (tmp_path / "a.csv").write_text(buffer.getvalue())
    with caplog.at_level(logging.INFO, logger="tests.file_source"):
        table = read(tmp_path, path="a.csv", csv={"sniff": True}, column_types={"id": "string"})
    assert as_text(table) == [[cell.strip("'") for cell in row] for row in rows]
    assert "delimiter ';', quote \"'\", header yes" in caplog.text


def test_sniffing_tells_a_file_without_header(tmp_path):
    (tmp_path / "a.csv").write_text("1;Ann;3.5\n2;Bob;4.5\n3;Cy;5.5\n")
    table = read(tmp_path, path="a.csv", csv={"sniff": True})
    assert table.num_rows == 3
    assert table.column(1).to_pylist() == ["Ann", "Bob", "Cy"]


def test_sniffing_an_undecidable_sample_asks_for_the_delimiter(tmp_path):
    (tmp_path / "a.csv").write_text("just one value\n")
    with pytest.raises(ValueError, match=r"node 'orders'.*cannot sniff the CSV dialect.*set csv.delimiter"):
        read(tmp_path, path="a.csv", csv={"sniff": True})


def test_explicit_options_win_over_sniffing(tmp_path):
    (tmp_path / "a.csv").write_text("1;2\n3;4\n5;6\n")
    table = read(tmp_path, path="a.csv", csv={"sniff": True, "header": False, "column_names": ["a", "b"]})
    assert table.to_pylist() == [{"a": 1, "b": 2}, {"a": 3, "b": 4}, {"a": 5, "b": 6}]


def test_sniffing_reads_through_compression(tmp_path):
    (tmp_path / "a.csv.gz").write_bytes(gzip.compress(b"a|b\nx|1\ny|2\n"))
    assert read(tmp_path, path="a.csv.gz", csv={"sniff": True}).column_names == ["a", "b"]
