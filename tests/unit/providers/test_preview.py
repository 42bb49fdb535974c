"""``preview_pipeline``: a pipeline prefix run in process on the first rows, checked against pandas."""

from __future__ import annotations

import datetime
import json
import textwrap
import time
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import BaseModel

from dag_factory.registry.catalog import ComponentRegistry, default_registry
from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.spec.parsing import parse_spec
from providers.execution.node_run import NodeRun
from providers.execution.preview import preview_pipeline
from providers.execution.sample_capture import SampleLimits, capture_sample

REPO = Path(__file__).resolve().parents[3]
ORDERS = REPO / "dags/data/orders.csv"


def spec_of(nodes: str, params: str = "{}", registry: ComponentRegistry | None = None) -> object:
    text = "apiVersion: aggregator/v1\nid: preview_test\nparams: " + params + "\nnodes:\n"
    return parse_spec(text + textwrap.indent(textwrap.dedent(nodes), "  "), registry=registry)


def orders_pipeline(out: Path) -> object:
    return spec_of(f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - id: big_paid
          type: transform.filter
          inputs: [orders]
          config: {{where: "status = 'paid' and amount > params.min_amount"}}
        - id: taxed
          type: transform.derive
          inputs: [big_paid]
          config: {{columns: {{amount: "round(amount * 1.2, 2)", month: "month(ordered_at)"}}}}
        - {{id: save, type: sink.file, inputs: [taxed], config: {{path: "{out}"}}}}
        """, params="{min_amount: 250}")  # fmt: skip


def assert_rows_equal(node: object, frame: pd.DataFrame) -> None:
    """The node's JSON rows hold ``frame``'s values (timestamps as ISO text, floats approximately)."""
    expected = frame.copy()
    for name in expected.columns:
        if pd.api.types.is_datetime64_any_dtype(expected[name]):
            expected[name] = expected[name].map(lambda value: value.isoformat())
    actual = pd.DataFrame(node.rows, columns=[column["name"] for column in node.schema])
    pd.testing.assert_frame_equal(actual, expected.reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize(
    ("rows", "truncated"), [(1, True), (7, True), (100, True), (500, False), (600, False)]
)
def test_each_node_previews_the_first_rows_like_pandas_and_the_sink_writes_nothing(tmp_path, rows, truncated):
    out = tmp_path / "out.parquet"
    sample = preview_pipeline(orders_pipeline(out), rows=rows, spec_folder=tmp_path)

    head = pd.read_csv(ORDERS, nrows=rows, parse_dates=["ordered_at"])
    paid = head[(head.status == "paid") & (head.amount > 250)].reset_index(drop=True)
    taxed = paid.assign(amount=(paid.amount * 1.2).round(2), month=paid.ordered_at.dt.month)
    assert [node.node_id for node in sample.nodes] == ["orders", "big_paid", "taxed", "save"]
    expected = {"orders": head, "big_paid": paid, "taxed": taxed}
    for node_id, frame in expected.items():
        node = sample.node(node_id)
        assert node.status == "ok", node.error
        assert node.row_count == len(frame) == len(node.rows)
        assert [column["name"] for column in node.schema] == list(frame.columns)
        assert_rows_equal(node, frame)
    assert sample.node("orders").truncated is truncated
    assert sample.node("orders").limit == ("rows" if truncated else None)
    assert sample.node("taxed").schema[-1] == {"name": "month", "type": "int64"}
    save = sample.node("save")
    assert (save.status, save.reason) == ("skipped", "a sink: a preview never writes")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_unknown_column_errors_on_its_node_while_a_parallel_branch_previews(tmp_path):
    spec = spec_of(f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: typo, type: transform.filter, inputs: [orders], config: {{where: "stauts = 'paid'"}}}}
        - {{id: after_typo, type: transform.derive, inputs: [typo], config: {{columns: {{one: "1"}}}}}}
        - {{id: paid, type: transform.filter, inputs: [orders], config: {{where: "status = 'paid'"}}}}
        """)  # fmt: skip
    sample = preview_pipeline(spec, rows=20, spec_folder=tmp_path)

    typo = sample.node("typo")
    assert typo.status == "error"
    assert typo.error.startswith(
        "node 'typo', where: unknown column 'stauts' (did you mean 'status'?) (at character 1)"
    )
    assert typo.rows == [] and typo.schema == []
    after = sample.node("after_typo")
    assert (after.status, after.reason) == ("skipped", "input 'typo' has no sample")
    paid = sample.node("paid")
    head = pd.read_csv(ORDERS, nrows=20)
    assert paid.status == "ok"
    assert [row["order_id"] for row in paid.rows] == head[head.status == "paid"].order_id.tolist()


def test_upto_runs_only_that_node_and_what_it_reads(tmp_path):
    spec = spec_of(f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: paid, type: transform.filter, inputs: [orders], config: {{where: "status = 'paid'"}}}}
        - {{id: other, type: transform.filter, inputs: [orders], config: {{where: "status = 'pending'"}}}}
        - {{id: taxed, type: transform.derive, inputs: [paid], config: {{columns: {{x: "amount * 2"}}}}}}
        """)  # fmt: skip
    sample = preview_pipeline(spec, upto="paid", rows=5, spec_folder=tmp_path)
    assert [node.node_id for node in sample.nodes] == ["orders", "paid"]
    with pytest.raises(
        ValueError, match=r"upto: pipeline 'preview_test' has no node 'txed' \(did you mean 'taxed'\?\)"
    ):
        preview_pipeline(spec, upto="txed", spec_folder=tmp_path)


@pytest.fixture
def numbers(tmp_path: Path) -> Path:
    path = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"n": pa.array(range(3_000), pa.int64())}), path, row_group_size=500)
    return path


@pytest.mark.parametrize(
    ("rows", "max_bytes", "fewest", "most", "limit"),
    [
        (10, 10_000_000, 10, 10, "rows"),
        (2_999, 10_000_000, 2_999, 2_999, "rows"),
        (3_000, 10_000_000, 3_000, 3_000, None),
        (5_000, 10_000_000, 3_000, 3_000, None),
        # int64: 8 bytes a row, plus a validity bit where the reader allocates one
        (1_000, 800, 98, 100, "bytes"),
        (1_000, 4_100, 500, 512, "bytes"),
        (200, 4, 0, 0, "bytes"),
    ],
)
def test_rows_and_bytes_caps_are_honoured(tmp_path, numbers, rows, max_bytes, fewest, most, limit):
    spec = spec_of(f"""\
        - {{id: numbers, type: source.file, config: {{path: "{numbers}"}}}}
        - {{id: doubled, type: transform.derive, inputs: [numbers], config: {{columns: {{n: "n * 2"}}}}}}
        """)  # fmt: skip
    sample = preview_pipeline(spec, rows=rows, max_bytes=max_bytes, spec_folder=tmp_path)
    source, doubled = sample.node("numbers"), sample.node("doubled")
    expected_rows = source.row_count
    assert fewest <= expected_rows <= most
    assert expected_rows * 8 <= max_bytes
    assert [row["n"] for row in source.rows] == list(range(expected_rows))
    assert (source.truncated, source.limit) == (limit is not None, limit)
    assert [row["n"] for row in doubled.rows] == [2 * n for n in range(expected_rows)]
    assert doubled.truncated is False


def test_rows_of_every_type_are_json_data(tmp_path):
    path = tmp_path / "types.parquet"
    table = pa.table(
        {
            "day": pa.array([datetime.date(2026, 3, 1), None], pa.date32()),
            "at": pa.array([datetime.datetime(2026, 3, 1, 12, 30, 5, 250_000), None], pa.timestamp("us")),
            "at_utc": pa.array([datetime.datetime(2026, 3, 1, 12, 30), None], pa.timestamp("ms", tz="UTC")),
            "clock": pa.array([datetime.time(8, 15), None], pa.time64("us")),
            "wait": pa.array([datetime.timedelta(minutes=1, seconds=30.5), None], pa.duration("us")),
            "price": pa.array([Decimal("12.345678901234567890"), None], pa.decimal128(38, 18)),
            "blob": pa.array([b"\x00\xff", None], pa.binary()),
            "ratio": pa.array([float("nan"), float("-inf")], pa.float64()),
            "address": pa.array([{"city": "Oslo", "zip": 150}, None]),
            "tags": pa.array([["a", "b"], []], pa.list_(pa.string())),
            "attrs": pa.array([[("k", 1)], None], pa.map_(pa.string(), pa.int64())),
        }
    )
    pq.write_table(table, path)
    spec = spec_of(f'- {{id: typed, type: source.file, config: {{path: "{path}"}}}}\n')
    node = preview_pipeline(spec, spec_folder=tmp_path).node("typed")
    assert node.status == "ok", node.error
    assert json.loads(json.dumps(node.to_data()))["rows"] == [
        {
            "day": "2026-03-01",
            "at": "2026-03-01T12:30:05.250000",
            "at_utc": "2026-03-01T12:30:00+00:00",
            "clock": "08:15:00",
            "wait": "PT90.5S",
            "price": "12.345678901234567890",
            "blob": "AP8=",
            "ratio": "NaN",
            "address": {"city": "Oslo", "zip": 150},
            "tags": ["a", "b"],
            "attrs": [["k", 1]],
        },
        {
            "day": None,
            "at": None,
            "at_utc": None,
            "clock": None,
            "wait": None,
            "price": None,
            "blob": None,
            "ratio": "-Infinity",
            "address": None,
            "tags": [],
            "attrs": None,
        },
    ]
    assert {"name": "price", "type": "decimal128(38, 18)"} in node.schema


def double_amounts(table: pa.Table) -> pa.Table:
    """A code-bearing node's function."""
    import pyarrow.compute as pc

    return table.set_column(table.schema.get_field_index("amount"), "amount", pc.multiply(table["amount"], 2))


def failing_function(table: pa.Table) -> pa.Table:
    """A function whose error names no node."""
    raise ValueError("amounts must be positive")


def test_an_error_that_names_no_node_is_prefixed_with_it(tmp_path):
    function = f"{__name__}:failing_function"
    spec = spec_of(f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: checked, type: python.callable, inputs: [orders], config: {{callable: "{function}"}}}}
        """)  # fmt: skip
    checked = preview_pipeline(spec, rows=5, allow_code=True, spec_folder=tmp_path).node("checked")
    assert (checked.status, checked.error) == ("error", "node 'checked': amounts must be positive")


@pytest.mark.parametrize("allow_code", [False, True])
def test_code_bearing_nodes_run_only_when_allowed(tmp_path, allow_code):
    function = f"{__name__}:double_amounts"
    spec = spec_of(f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: doubled, type: python.callable, inputs: [orders], config: {{callable: "{function}"}}}}
        - {{id: cheap, type: transform.filter, inputs: [doubled], config: {{where: "amount < 100"}}}}
        """)  # fmt: skip
    sample = preview_pipeline(spec, rows=10, allow_code=allow_code, spec_folder=tmp_path)
    doubled, cheap = sample.node("doubled"), sample.node("cheap")
    if not allow_code:
        assert doubled.status == "skipped"
        assert (
            doubled.reason
            == "runs code from its config; previewing it needs the code permission (allow_code)"
        )
        assert (cheap.status, cheap.reason) == ("skipped", "input 'doubled' has no sample")
        return
    head = pd.read_csv(ORDERS, nrows=10)
    assert [row["amount"] for row in doubled.rows] == (head.amount * 2).tolist()
    assert cheap.status == "ok"


def test_templates_render_with_params_and_ds_and_expressions_see_params(tmp_path):
    (tmp_path / "orders_2026-05-04.csv").write_text(ORDERS.read_text())
    spec = spec_of("""\
        - {id: orders, type: source.file, config: {path: "orders_{{ ds }}.csv"}}
        - {id: big, type: transform.filter, inputs: [orders], config: {where: "amount > params.min_amount"}}
        - {id: bad, type: source.file, config: {path: "{{ params.missing }}.csv"}}
        """, params="{min_amount: 10}")  # fmt: skip
    now = datetime.datetime(2026, 5, 4, 6, 0, tzinfo=datetime.UTC)
    sample = preview_pipeline(spec, rows=50, params={"min_amount": 300}, spec_folder=tmp_path, now=now)
    head = pd.read_csv(ORDERS, nrows=50)
    assert sample.node("orders").row_count == 50
    assert [row["order_id"] for row in sample.node("big").rows] == head[head.amount > 300].order_id.tolist()
    bad = sample.node("bad")
    assert bad.status == "error"
    assert bad.error == "node 'bad', config.path: template error: 'dict object' has no attribute 'missing'"


def test_an_invalid_config_is_an_error_naming_the_node_and_field(tmp_path):
    spec = spec_of(f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - {{id: paid, type: transform.filter, inputs: [orders], config: {{where: "status = 'paid'"}}}}
        """)  # fmt: skip
    registry = default_registry()
    broken = ComponentRegistry([c for c in registry if c.name != "transform.filter"])
    sample = preview_pipeline(spec, rows=5, spec_folder=tmp_path, registry=broken)
    assert sample.node("paid").error == "node 'paid': unknown node type 'transform.filter'"


class NoConfig(BaseModel):
    """No settings."""


def endless_source(run: NodeRun, config: NoConfig, inputs: Sequence[object]) -> pa.RecordBatchReader:
    """Ten rows every 50 ms, for ever."""
    schema = pa.schema([("n", pa.int64())])

    def batches() -> Iterator[pa.RecordBatch]:
        start = 0
        while True:
            time.sleep(0.05)
            yield pa.record_batch([pa.array(range(start, start + 10), pa.int64())], schema=schema)
            start += 10

    return pa.RecordBatchReader.from_batches(schema, batches())


ENDLESS = ComponentType(
    name="source.endless",
    category=Category.SOURCE,
    title="Endless",
    description="Never ends.",
    config_model=NoConfig,
    executor=f"{__name__}:endless_source",
    inputs=Arity(0, 0),
)


def test_the_time_budget_stops_a_slow_source_and_skips_what_follows(tmp_path):
    registry = ComponentRegistry([*default_registry(), ENDLESS])
    spec = spec_of("""\
        - {id: slow, type: source.endless}
        - {id: next, type: transform.derive, inputs: [slow], config: {columns: {m: "n * 2"}}}
        """, registry=registry)  # fmt: skip
    started = time.monotonic()
    sample = preview_pipeline(spec, rows=1_000_000, seconds=0.5, spec_folder=tmp_path, registry=registry)
    assert time.monotonic() - started < 3
    slow = sample.node("slow")
    assert (slow.status, slow.truncated, slow.limit) == ("ok", True, "seconds")
    assert 0 < slow.row_count < 200
    assert sample.node("next").reason == "the preview's time budget (0.5 s) ran out before this node"


def test_a_capped_stream_is_closed_without_being_drained():
    read: list[int] = []
    closed: list[bool] = []

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            for start in range(0, 1_000_000, 10):
                read.append(start)
                yield pa.record_batch([pa.array(range(start, start + 10))], names=["n"])
        finally:
            closed.append(True)

    limits = SampleLimits(rows=25, max_bytes=10_000_000, deadline=time.monotonic() + 60, seconds=60)
    # The stream is released once nothing refers to it, as in a preview.
    captured = capture_sample(
        pa.RecordBatchReader.from_batches(pa.schema([("n", pa.int64())]), batches()), limits
    )
    assert captured.table.column("n").to_pylist() == list(range(25))
    assert (captured.truncated, captured.limit) == (True, "rows")
    assert read == [0, 10, 20]
    assert closed == [True]


def test_bad_limits_are_refused(tmp_path):
    spec = spec_of(f'- {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}\n')
    with pytest.raises(ValueError, match="rows, max_bytes and seconds must be positive"):
        preview_pipeline(spec, rows=0, spec_folder=tmp_path)


def test_a_cast_routing_bad_values_counts_them_but_writes_no_rejects_file(tmp_path):
    source = tmp_path / "amounts.csv"
    source.write_text("id,amount\n1,10\n2,abc\n3,7\n")
    spec = spec_of(f"""\
        - {{id: raw, type: source.file, config: {{path: "{source}", column_types: {{amount: string}}}}}}
        - id: typed
          type: transform.cast
          inputs: [raw]
          config: {{columns: {{amount: int}}, on_error: route, rejects_path: "{tmp_path}/rejects.parquet"}}
        """)  # fmt: skip
    sample = preview_pipeline(spec, spec_folder=tmp_path)
    typed = sample.node("typed")
    assert typed.status == "ok", typed.error
    assert [row["id"] for row in typed.rows] == [1, 3]
    assert not (tmp_path / "rejects.parquet").exists()
