"""Hashing and JSON functions in ``transform.derive`` run by Airflow, checked against hashlib and json."""

import hashlib
import json

import pandas as pd
import pyarrow as pa
import pytest
from dag_runs import run_dag
from test_expression_transforms import ORDERS, write_spec

from providers.expressions.compiler import compile_expression, evaluate

pytestmark = pytest.mark.usefixtures("airflow_db")

BAD_PATH = "json_extract(status, '$.a[x]')"
DOCUMENT = """'{"status": "' || status || '", "ids": [' || to_text(order_id) || ', 0]}'"""


def test_hashes_and_json_values_match_hashlib_json_and_this_process(spec_folder, bundle):
    out = spec_folder / "hashed.parquet"
    write_spec(spec_folder, "hash_json", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - id: hashed
          type: transform.derive
          inputs: [orders]
          config:
            columns:
              document: {json.dumps(DOCUMENT)}
              status_md5: "md5(status)"
              row_hash: "hash64(order_id, status)"
        - id: read_back
          type: transform.derive
          inputs: [hashed]
          config:
            columns:
              status_again: "json_extract(document, '$.status')"
              first_id: "json_extract_number(document, '$.ids[0]')"
        - {{id: save, type: sink.file, inputs: [read_back], config: {{path: "{out}"}}}}
        """)  # fmt: skip
    assert run_dag(bundle, "hash_json").state == "success"
    result = pd.read_parquet(out)
    orders = pd.read_csv(ORDERS)
    assert len(result) == len(orders) > 0
    assert list(result.status_md5) == [hashlib.md5(s.encode()).hexdigest() for s in orders.status]
    assert list(result.status_again) == [json.loads(d)["status"] for d in result.document]
    assert list(result.first_id) == [float(i) for i in orders.order_id]
    table = pa.table({"order_id": pa.array(orders.order_id, pa.int64()), "status": list(orders.status)})
    here = evaluate(compile_expression("hash64(order_id, status)", table.schema), table).to_pylist()
    assert list(result.row_hash) == here


def test_a_bad_json_path_fails_the_task_naming_node_option_and_character(spec_folder, bundle, capfd):
    write_spec(spec_folder, "json_path_typo", f"""\
        - {{id: orders, type: source.file, config: {{path: "{ORDERS}"}}}}
        - id: parsed
          type: transform.derive
          inputs: [orders]
          config: {{columns: {{s: "{BAD_PATH}"}}}}
        """)  # fmt: skip
    assert run_dag(bundle, "json_path_typo").state == "failed"
    output = capfd.readouterr().out
    assert "node 'parsed', columns.s: json_extract(): expected an index or a quoted key after '['" in output
    assert f"(at character {BAD_PATH.index('x]') + 1})" in output
