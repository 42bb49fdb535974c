"""``preview_pipeline`` on real SQLite and against a real Airflow run of the same spec."""

from __future__ import annotations

import json
import sqlite3
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from dag_runs import run_dag

from dag_factory.spec.parsing import parse_spec
from providers.execution.preview import preview_pipeline

REPO = Path(__file__).resolve().parents[2]
ORDERS = REPO / "dags/data/orders.csv"
BIG_TABLE_ROWS = 200_000


def spec_text(dag_id: str, nodes: str, params: str = "{}") -> str:
    return f"apiVersion: aggregator/v1\nid: {dag_id}\nparams: {params}\nnodes:\n" + textwrap.indent(
        textwrap.dedent(nodes), "  "
    )


@pytest.fixture
def big_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SQLite file with a table far larger than a preview reads, and the connection ``preview_db``."""
    path = tmp_path / "big.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE events (id INTEGER, kind TEXT, amount REAL)")
        connection.executemany(
            "INSERT INTO events VALUES (?, ?, ?)",
            ((i, ("click", "view", "buy")[i % 3], i * 0.5) for i in range(BIG_TABLE_ROWS)),
        )
    connection.close()
    # The sqlite hook turns a sqlite:////path URI into an invalid sqlite3 URI; JSON keeps the path.
    monkeypatch.setenv("AIRFLOW_CONN_PREVIEW_DB", json.dumps({"conn_type": "sqlite", "host": str(path)}))
    return path


@pytest.mark.parametrize(("rows", "batch_rows", "batches"), [(25, 10, 3), (25, 65_536, 1), (1, 1, 2)])
def test_a_sql_source_reads_only_the_first_batches_of_a_big_table(
    big_sqlite, tmp_path, monkeypatch, rows, batch_rows, batches
):
    import providers.sql.sqlite_dialect as sqlite_dialect

    made: list[int] = []
    original = sqlite_dialect.batch_from_rows

    def counted(*args: object, **kwargs: object) -> object:
        batch = original(*args, **kwargs)
        made.append(batch.num_rows)
        return batch

    monkeypatch.setattr(sqlite_dialect, "batch_from_rows", counted)
    spec = parse_spec(spec_text("sql_preview", f"""\
        - id: events
          type: source.sql
          config: {{conn_id: preview_db, table: events, batch_rows: {batch_rows}}}
        - {{id: buys, type: transform.filter, inputs: [events], config: {{where: "kind = 'buy'"}}}}
        """))  # fmt: skip
    sample = preview_pipeline(spec, rows=rows, seconds=20, spec_folder=tmp_path)

    events, buys = sample.node("events"), sample.node("buys")
    assert events.status == "ok", events.error
    assert [row["id"] for row in events.rows] == list(range(rows))
    assert events.rows[0] == {"id": 0, "kind": "click", "amount": 0.0}
    assert (events.truncated, events.limit) == (True, "rows")
    assert len(made) == batches and sum(made) <= max(batch_rows, rows + 1) * batches < BIG_TABLE_ROWS
    assert [row["id"] for row in buys.rows] == [i for i in range(rows) if i % 3 == 2]
    # The preview closed its read: a writer gets the database at once.
    with sqlite3.connect(big_sqlite, timeout=0) as connection:
        connection.execute("DELETE FROM events WHERE id = 0")
    connection.close()


def test_a_sql_error_is_reported_on_its_node(big_sqlite, tmp_path):
    spec = parse_spec(spec_text("sql_preview_error", """\
        - {id: missing, type: source.sql, config: {conn_id: preview_db, table: no_such_table}}
        - {id: events, type: source.sql, config: {conn_id: preview_db, table: events}}
        """))  # fmt: skip
    sample = preview_pipeline(spec, rows=3, spec_folder=tmp_path)
    missing = sample.node("missing")
    assert missing.status == "error"
    assert missing.error.startswith("node 'missing' (source.sql): ")
    assert "no_such_table" in missing.error
    assert sample.node("events").row_count == 3


@pytest.mark.usefixtures("airflow_db")
def test_the_preview_matches_the_airflow_run_on_the_first_rows_and_writes_nothing(spec_folder, bundle):
    out = spec_folder / "preview_run.parquet"
    text = spec_text("preview_vs_run", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - id: big_paid
          type: transform.filter
          inputs: [orders]
          config: {{where: "status = 'paid' and amount > params.min_amount"}}
        - id: taxed
          type: transform.derive
          inputs: [big_paid]
          config: {{columns: {{amount: "round(amount * 1.2, 2)", month: "month(ordered_at)"}}}}
        - {{id: save, type: sink.file, inputs: [taxed], config: {{path: "{out.name}"}}}}
        """, params="{min_amount: 250}")  # fmt: skip
    spec = parse_spec(text)
    sample = preview_pipeline(spec, rows=120, spec_folder=spec_folder)
    assert not out.exists()
    assert sample.node("save").status == "skipped"

    (spec_folder / "preview_vs_run.yaml").write_text(text)
    assert run_dag(bundle, "preview_vs_run").state == "success"
    first_ids = set(pd.read_csv(ORDERS, nrows=120).order_id)
    written = pd.read_parquet(out)
    expected = written[written.order_id.isin(first_ids)].reset_index(drop=True)
    expected["ordered_at"] = expected.ordered_at.map(lambda value: value.isoformat())
    taxed = sample.node("taxed")
    assert [column["name"] for column in taxed.schema] == list(written.columns)
    pd.testing.assert_frame_equal(pd.DataFrame(taxed.rows), expected, check_dtype=False)
    assert len(expected) > 0
