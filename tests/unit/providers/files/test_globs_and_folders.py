"""Many files read as one stream: globs, folders, compression, same columns or union by name."""

import bz2
import csv
import gzip
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from providers.components.file_source import FileSourceConfig, read_file
from providers.execution.node_run import NodeRun


def read(folder, **config) -> pa.Table:
    run = NodeRun(node_id="orders", dag_id="d", run_id="r", spec_folder=folder)
    return read_file(run, FileSourceConfig.model_validate(config), []).read_all()


def csv_text(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def zstd_compress(data: bytes) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.CompressedOutputStream(sink, "zstd") as stream:
        stream.write(data)
    return sink.getvalue().to_pybytes()


def write_days(folder, count=3, compress=gzip.compress, suffix=".csv.gz"):
    """``orders_<n>`` files; returns the rows (header excluded) in file order, per Python's csv."""
    expected = []
    for day in range(count):
        rows = [["order_id", "amount"], *([str(day * 10 + i), f"{i}.5"] for i in range(4))]
        (folder / f"orders_{day}{suffix}").write_bytes(compress(csv_text(rows).encode()))
        expected += [[int(order), float(amount)] for order, amount in rows[1:]]
    return expected


def test_a_glob_of_gzip_csv_files_is_read_in_name_order(tmp_path):
    (tmp_path / "data").mkdir()
    expected = write_days(tmp_path / "data")
    (tmp_path / "data" / "notes.txt").write_text("not matched")
    table = read(tmp_path, path="data/orders_*.csv.gz")
    assert [[r["order_id"], r["amount"]] for r in table.to_pylist()] == expected


@pytest.mark.parametrize(
    ("compress", "suffix"),
    [(gzip.compress, ".csv.gz"), (zstd_compress, ".csv.zst"), (bz2.compress, ".csv.bz2")],
)
def test_each_compression_is_read_by_suffix(tmp_path, compress, suffix):
    expected = write_days(tmp_path, count=1, compress=compress, suffix=suffix)
    assert read(tmp_path, path=f"orders_0{suffix}").num_rows == len(expected)


def test_explicit_compression_reads_files_without_the_suffix(tmp_path):
    (tmp_path / "export.csv").write_bytes(gzip.compress(b"a\n1\n2\n"))
    assert read(tmp_path, path="export.csv", compression="gzip").column("a").to_pylist() == [1, 2]


def test_double_star_spans_folders_of_parquet_files(tmp_path):
    for day in ("2026-01-01", "2026-01-02"):
        folder = tmp_path / "raw" / f"day={day}"
        folder.mkdir(parents=True)
        pq.write_table(pa.table({"day": [day], "n": [1]}), folder / "part.parquet")
    pq.write_table(pa.table({"day": ["top"], "n": [0]}), tmp_path / "raw" / "top.parquet")
    table = read(tmp_path, path="raw/**/*.parquet")
    assert table.column("day").to_pylist() == ["2026-01-01", "2026-01-02", "top"]


def test_a_folder_reads_its_files_of_the_format_sorted_and_skips_hidden_ones(tmp_path):
    folder = tmp_path / "in"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "2.csv").write_text("x\n2\n")
    (folder / "1.csv").write_text("x\n1\n")
    (folder / "_SUCCESS").write_text("")
    (folder / ".1.csv.abc.partial").write_text("x\n99\n")
    (folder / "readme.md").write_text("# no")
    assert read(tmp_path, path="in", format="csv").column("x").to_pylist() == [1, 2]


def test_a_pattern_matching_nothing_names_the_pattern(tmp_path):
    with pytest.raises(
        FileNotFoundError, match=r"node 'orders': no file matches the pattern file://.*/none_\*\.csv"
    ):
        read(tmp_path, path="none_*.csv")


def test_a_folder_without_files_of_the_format_says_so(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text("[]")
    with pytest.raises(FileNotFoundError, match=r"no csv file in the folder .*in \(1 other files\)"):
        read(tmp_path, path="in", format="csv")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"node 'orders': no file at file://.*/gone.csv"):
        read(tmp_path, path="gone.csv")


def test_a_file_with_other_columns_is_named_with_the_difference(tmp_path):
    (tmp_path / "a1.csv").write_text("id,amount\n1,2\n")
    (tmp_path / "a2.csv").write_text("id,price\n3,4\n")
    with pytest.raises(
        ValueError, match=r"a2.csv has other columns than .*a1.csv: it lacks amount and adds price"
    ):
        read(tmp_path, path="a*.csv")


def test_columns_in_another_order_are_aligned_by_name(tmp_path):
    (tmp_path / "a1.csv").write_text("id,name\n1,x\n")
    (tmp_path / "a2.csv").write_text("name,id\ny,2\n")
    assert read(tmp_path, path="a*.csv").to_pylist() == [{"id": 1, "name": "x"}, {"id": 2, "name": "y"}]


def test_union_by_name_fills_missing_columns_with_nulls_and_widens_types(tmp_path):
    (tmp_path / "a1.csv").write_text("id,amount\n1,2\n")
    (tmp_path / "a2.csv").write_text("id,price\n3,4.5\n")
    (tmp_path / "a3.csv").write_text("amount,id\n1.5,5\n")
    table = read(tmp_path, path="a*.csv", union_by_name=True)
    assert table.column_names == ["id", "amount", "price"]
    assert table.schema.field("amount").type == pa.float64()
    assert table.to_pylist() == [
        {"id": 1, "amount": 2.0, "price": None},
        {"id": 3, "amount": None, "price": 4.5},
        {"id": 5, "amount": 1.5, "price": None},
    ]


def test_later_files_are_parsed_with_the_first_files_types(tmp_path):
    (tmp_path / "a1.csv").write_text("code,n\n007,1\n")
    (tmp_path / "a2.csv").write_text("code,n\nA12,2\n")
    with pytest.raises(ValueError, match=r"a2.csv.*declare the column's type in column_types"):
        read(tmp_path, path="a*.csv")
    table = read(tmp_path, path="a*.csv", column_types={"code": "string"})
    assert table.column("code").to_pylist() == ["007", "A12"]


def test_parquet_files_with_different_but_castable_types_are_cast(tmp_path):
    pq.write_table(pa.table({"n": pa.array([1], pa.int32())}), tmp_path / "p1.parquet")
    pq.write_table(pa.table({"n": pa.array([2], pa.int64())}), tmp_path / "p2.parquet")
    table = read(tmp_path, path="p*.parquet")
    assert table.schema.field("n").type == pa.int32()
    assert table.column("n").to_pylist() == [1, 2]


def test_column_types_naming_no_column_is_an_error(tmp_path):
    (tmp_path / "a.csv").write_text("id\n1\n")
    with pytest.raises(
        ValueError, match=r"column_types names 'idd', not a column of .*a.csv \(columns: id\)"
    ):
        read(tmp_path, path="a.csv", column_types={"idd": "int64"})


def test_files_read_are_counted_in_the_metrics(tmp_path):
    write_days(tmp_path, count=2)
    run = NodeRun(node_id="orders", dag_id="d", run_id="r", spec_folder=tmp_path)
    read_file(run, FileSourceConfig.model_validate({"path": "*.csv.gz"}), []).read_all()
    assert run.metrics["files_read"] == 2


def test_a_glob_skips_hidden_and_marker_files(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-1.csv").write_text("x\n1\n")
    (tmp_path / "out" / "_SUCCESS").write_text("")
    (tmp_path / "out" / ".part-2.csv.abc.partial").write_text("x\n99\n")
    assert read(tmp_path, path="out/*", format="csv").column("x").to_pylist() == [1]
