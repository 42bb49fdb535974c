"""``transform.cast`` checked against pandas conversions, with each way of handling bad values."""

import datetime
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError
from staged_test_tables import node_run, stage

from providers.components.cast_transform import COMPONENT, CastConfig, cast_columns
from providers.transforms.cast_type_names import check_cast_type
from providers.transforms.input_columns import ColumnNodeError


@pytest.fixture(autouse=True)
def staging_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__STAGING_URL", f"file://{tmp_path}/staging")
    return tmp_path / "staging"


def to_int(text):
    number = pd.to_numeric(text, errors="coerce")
    return None if pd.isna(number) or number != int(number) else int(number)


def to_float(text):
    number = pd.to_numeric(text, errors="coerce")
    return None if pd.isna(number) else float(number)


def to_date(text):
    day = pd.to_datetime(text, errors="coerce", format="%Y-%m-%d")
    return None if pd.isna(day) else day.date()


def to_utc(text):
    """Arrow, unlike pandas, refuses to guess the zone of a time written without one."""
    moment = pd.to_datetime(text, errors="coerce", format="ISO8601")
    return None if pd.isna(moment) or moment.tzinfo is None else moment.tz_convert("UTC").to_pydatetime()


TEXT = {
    "int": ["12", "-7", None, "x1", "3.5", "40", " ", "9000000000"],
    "float": ["1.5", "-2", None, "abc", "1e3", "nan?", "0.25", ""],
    "date": ["2026-01-31", None, "2026-02-30", "31/01/2026", "2024-02-29", "2026-13-01", "1999-12-31", "x"],
    "time": [
        "2026-01-31T12:00:00Z",
        None,
        "2026-01-31 08:30:00+02:00",
        "noon",
        "2026-01-31T12:00:00",
        "",
        "x",
        "1",
    ],
}
CASES = [
    pytest.param("int", "int64", pa.int64(), to_int, id="text-to-int64"),
    pytest.param("int", "bigint", pa.int64(), to_int, id="text-to-bigint"),
    pytest.param("float", "float", pa.float64(), to_float, id="text-to-float"),
    pytest.param("date", "date", pa.date32(), to_date, id="text-to-date"),
    pytest.param("time", "timestamp[tz=UTC]", pa.timestamp("us", "UTC"), to_utc, id="text-to-utc-timestamp"),
]


def values_table(column: str) -> pa.Table:
    texts = TEXT[column] * 5  # several batches of 8 rows, each with bad values
    return pa.table({"id": range(len(texts)), "value": pa.array(texts, pa.string())})


@pytest.mark.parametrize(("column", "type_name", "arrow_type", "reference"), CASES)
def test_bad_values_become_null_as_pandas_coerces_them(tmp_path, column, type_name, arrow_type, reference):
    table = values_table(column)
    config = CastConfig(columns={"value": type_name}, on_error="null", batch_rows=8)
    run = node_run(tmp_path)
    result = cast_columns(run, config, [stage(tmp_path, table)]).read_all()
    assert result.schema.field("value").type == arrow_type
    texts = table.column("value").to_pylist()
    assert result.column("value").to_pylist() == [reference(text) for text in texts]
    assert result.column("id").to_pylist() == table.column("id").to_pylist()
    nulled = sum(1 for text in texts if text is not None and reference(text) is None)
    assert run.metrics == {"values_nulled": nulled}


@pytest.mark.parametrize(("column", "type_name", "arrow_type", "reference"), CASES)
def test_routed_rows_leave_the_output_for_the_rejects_file(
    tmp_path, staging_folder, column, type_name, arrow_type, reference
):
    table = values_table(column)
    run = node_run(tmp_path, "typed")
    config = CastConfig(columns={"value": type_name}, on_error="route", batch_rows=8)
    result = cast_columns(run, config, [stage(tmp_path, table)]).read_all()
    texts = table.column("value").to_pylist()
    good = [i for i, text in enumerate(texts) if text is None or reference(text) is not None]
    bad = [i for i in range(len(texts)) if i not in good]
    assert result.column("id").to_pylist() == good
    assert result.column("value").to_pylist() == [reference(texts[i]) if texts[i] else None for i in good]
    rejects = pq.read_table(staging_folder / "@rejects" / "pipeline" / "run" / "typed.parquet")
    assert rejects.column("id").to_pylist() == bad
    assert rejects.column("value").to_pylist() == [texts[i] for i in bad]
    assert (
        rejects.column("_error")[0].as_py()
        == f"value: {texts[bad[0]]!r} cannot be converted to {config.columns['value']}"
    )
    assert run.metrics == {"rows_rejected": len(bad), "rejects_uri": f"file://{rejects_path(staging_folder)}"}


def rejects_path(staging_folder):
    return staging_folder / "@rejects" / "pipeline" / "run" / "typed.parquet"


def test_a_row_with_several_bad_values_names_each_of_them(tmp_path, staging_folder):
    table = pa.table({"a": ["1", "x", "y"], "b": ["2.5", "3", "z"]})
    run = node_run(tmp_path, "typed")
    config = CastConfig(columns={"a": "integer", "b": "double"}, on_error="route")
    result = cast_columns(run, config, [stage(tmp_path, table)]).read_all()
    assert result.to_pydict() == {"a": [1], "b": [2.5]}
    assert pq.read_table(rejects_path(staging_folder)).to_pydict() == {
        "a": ["x", "y"],
        "b": ["3", "z"],
        "_error": [
            "a: 'x' cannot be converted to int64",
            "a: 'y' cannot be converted to int64; b: 'z' cannot be converted to double",
        ],
    }


def test_routing_without_bad_values_writes_no_rejects_file(tmp_path, staging_folder):
    run = node_run(tmp_path, "typed")
    config = CastConfig(columns={"a": "int32"}, on_error="route")
    result = cast_columns(run, config, [stage(tmp_path, pa.table({"a": ["1", None]}))]).read_all()
    assert result.column("a").type == pa.int32()
    assert run.metrics == {"rows_rejected": 0}
    assert not rejects_path(staging_folder).exists()


def test_rejects_can_go_to_a_file_of_their_own(tmp_path, staging_folder):
    run = node_run(tmp_path, "typed")
    config = CastConfig(columns={"a": "int"}, on_error="route", rejects_path="rejects/day.parquet")
    cast_columns(run, config, [stage(tmp_path, pa.table({"a": ["1", "x"]}))]).read_all()
    assert pq.read_table(tmp_path / "rejects" / "day.parquet").to_pydict() == {
        "a": ["x"],
        "_error": ["a: 'x' cannot be converted to int64"],
    }
    assert run.metrics["rejects_uri"] == f"file://{tmp_path}/rejects/day.parquet"
    assert not rejects_path(staging_folder).exists()


def test_a_rejects_path_needs_routing():
    with pytest.raises(ValidationError, match="rejects_path applies only with on_error: route"):
        CastConfig(columns={"a": "int"}, on_error="null", rejects_path="rejects.parquet")


def test_the_rejects_file_is_written_in_row_groups_and_appears_when_complete(
    tmp_path, staging_folder, monkeypatch
):
    import providers.transforms.rejects_file as rejects_file

    monkeypatch.setattr(rejects_file, "ROW_GROUP_ROWS", 10)
    table = pa.table({"a": [str(i) if i % 3 else f"bad{i}" for i in range(90)]})
    reader = cast_columns(
        node_run(tmp_path, "typed"),
        CastConfig(columns={"a": "int"}, on_error="route", batch_rows=9),
        [stage(tmp_path, table)],
    )
    first = reader.read_next_batch()
    assert first.num_rows == 6
    assert not rejects_path(staging_folder).exists()
    reader.read_all()
    parquet = pq.ParquetFile(rejects_path(staging_folder))
    assert parquet.metadata.num_rows == 30
    groups = [parquet.metadata.row_group(i).num_rows for i in range(parquet.metadata.num_row_groups)]
    assert len(groups) > 1
    assert max(groups) <= 10


def test_a_failing_run_names_the_column_the_value_and_its_row(tmp_path):
    table = pa.table({"amount": [str(i) for i in range(25)] + ["12,5"] + ["7"] * 10})
    config = CastConfig(columns={"amount": "decimal(10, 2)"}, batch_rows=10)
    reader = cast_columns(node_run(tmp_path, "typed"), config, [stage(tmp_path, table)])
    with pytest.raises(ColumnNodeError) as caught:
        reader.read_all()
    assert str(caught.value) == (
        "node 'typed', columns.amount: '12,5' (input row 26) cannot be converted to decimal(10, 2); "
        "set on_error to null or route to keep going"
    )


@pytest.mark.parametrize(
    ("values", "type_name", "expected"),
    [
        pytest.param(pa.array([1.0, 2.5, None]), "int64", [1, None, None], id="fraction-to-int"),
        pytest.param(pa.array([1, 300, -129], pa.int64()), "int8", [1, None, None], id="overflow"),
        pytest.param(pa.array(["true", "0", "maybe"]), "boolean", [True, False, None], id="text-to-bool"),
        pytest.param(
            pa.array(["1.005", "2.5", "x"]), "numeric(6, 2)", [None, Decimal("2.50"), None], id="scale"
        ),
        pytest.param(pa.array([1, 2], pa.int64()), "text", ["1", "2"], id="int-to-text"),
        pytest.param(
            pa.array([datetime.datetime(2026, 1, 31, 12)], pa.timestamp("us")),
            "date32",
            [datetime.date(2026, 1, 31)],
            id="timestamp-to-date",
        ),
    ],
)
def test_values_that_would_lose_information_are_bad_values(tmp_path, values, type_name, expected):
    config = CastConfig(columns={"v": type_name}, on_error="null")
    result = cast_columns(node_run(tmp_path), config, [stage(tmp_path, pa.table({"v": values}))]).read_all()
    assert result.column("v").to_pylist() == expected


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("integer", "int64"),
        ("BIGINT", "int64"),
        ("smallint", "int16"),
        ("float", "float64"),
        ("double", "double"),
        ("real", "float32"),
        ("text", "string"),
        ("bool", "bool"),
        ("date", "date32"),
        ("timestamp", "timestamp[us]"),
        ("timestamp[tz=UTC]", "timestamp[us, tz=UTC]"),
        ("timestamp[ms, tz=Europe/Paris]", "timestamp[ms, tz=Europe/Paris]"),
        ("decimal(18,2)", "decimal(18,2)"),
        ("numeric(10, 3)", "decimal(10, 3)"),
    ],
)
def test_sql_and_arrow_type_names_are_accepted(written, normalised):
    assert check_cast_type(written) == normalised
    assert CastConfig(columns={"a": written}).columns == {"a": normalised}


def test_an_unknown_type_name_lists_the_names_to_use():
    with pytest.raises(ValidationError, match="'varchar2' is not a type name; use an Arrow name"):
        CastConfig(columns={"a": "varchar2"})


@pytest.mark.parametrize(
    ("table", "config", "message"),
    [
        pytest.param(
            pa.table({"amount": ["1"]}),
            {"columns": {"amont": "int"}},
            "node 'typed', columns.amont: unknown column 'amont' (did you mean 'amount'?)",
            id="unknown-column",
        ),
        pytest.param(
            pa.table({"tags": [["a"]]}),
            {"columns": {"tags": "int"}},
            "node 'typed', columns.tags: a list<element: string> column cannot be converted to int64",
            id="impossible-conversion",
        ),
        pytest.param(
            pa.table({"a": ["1"], "_error": ["x"]}),
            {"columns": {"a": "int"}, "on_error": "route"},
            "node 'typed', on_error: the input already has a column '_error'; rename it to route rejects",
            id="error-column-taken",
        ),
    ],
)
def test_a_config_that_does_not_fit_the_input_fails_before_any_row(tmp_path, table, config, message):
    with pytest.raises(ColumnNodeError) as caught:
        cast_columns(node_run(tmp_path, "typed"), CastConfig(**config), [stage(tmp_path, table)])
    assert str(caught.value).startswith(message)


def test_the_catalogue_example_is_a_valid_config():
    assert CastConfig.model_validate(COMPONENT.example).on_error == "route"
