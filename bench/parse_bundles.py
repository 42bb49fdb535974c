"""Write the DAG bundles of the parsing benchmark: the same DAGs expressed three ways.

Every pipeline has the same 10-node shape: two file sources feed a chain of seven Python
callables that ends in one file sink (9 dependencies). Only ids and file paths differ
between pipelines. The bundles are:

* ``ours``: one JSON spec per pipeline, written with :func:`publish_spec`, next to the
  product's generated ``aggregator_loader.py``;
* ``dagfactory``: one dag-factory 1.1.0 YAML config per pipeline plus its documented
  ``load_yaml_dags`` loader file, with the same operator and arguments;
* ``handwritten``: one Python file with a loop building the same DAGs directly;
* ``handwritten_empty``: the same loop with ``EmptyOperator`` tasks (no product code).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dag_factory.bundle.publish import LOADER_NAME, PIPELINES_DIR, publish_spec
from dag_factory.spec.models import PipelineSpec

FOLDER = "bench"
NODES_PER_PIPELINE = 10
EDGES_PER_PIPELINE = 9
OWNER = "bench"
TAGS = ("bench",)
SCHEDULE = "@daily"
START_DATE = "2026-01-01"
RETRIES = 1
RETRY_DELAY_SECONDS = 300
OPERATOR = "providers.operators.pipeline_node.PipelineNodeOperator"
EMPTY_OPERATOR = "airflow.providers.standard.operators.empty.EmptyOperator"
CLEANUP_CALLBACK = "providers.staging.cleanup.cleanup_staging_on_success"
CHAIN_CALLABLE = "aggregator_examples.orders:paid_orders"
JOIN_CALLABLE = "aggregator_examples.orders:revenue_by_region"


@dataclass(frozen=True)
class Node:
    """One node of a benchmark pipeline: a task with its operator arguments."""

    id: str
    type: str
    inputs: tuple[str, ...]
    config: dict[str, Any]


@dataclass(frozen=True)
class Bundle:
    """A generated DAG bundle: the folder given to Airflow and the file holding the DAGs."""

    name: str
    root: Path
    dag_file: Path


def pipeline_id(number: int) -> str:
    """The DAG id of pipeline ``number`` (1-based)."""
    return f"bench_pipeline_{number:04d}"


def pipeline_nodes(number: int) -> list[Node]:
    """The 10 nodes of pipeline ``number``: 2 sources -> 7 callables in a chain -> 1 sink."""
    nodes = [
        Node("orders", "source.file", (), {"path": f"data/orders_{number:04d}.csv"}),
        Node("customers", "source.file", (), {"path": f"data/customers_{number:04d}.csv"}),
        Node("step_1", "python.callable", ("orders", "customers"), {"callable": JOIN_CALLABLE}),
    ]
    for step in range(2, 8):
        config = {"callable": CHAIN_CALLABLE, "kwargs": {"min_amount": step}}
        nodes.append(Node(f"step_{step}", "python.callable", (f"step_{step - 1}",), config))
    nodes.append(Node("load", "sink.file", ("step_7",), {"path": f"output/{pipeline_id(number)}.parquet"}))
    return nodes


def spec_data(number: int) -> dict[str, Any]:
    """Pipeline ``number`` as spec data in the product's format."""
    return {
        "apiVersion": "aggregator/v1",
        "id": pipeline_id(number),
        "name": f"Bench pipeline {number}",
        "description": "Joins two files and reduces the result in seven steps.",
        "owner": OWNER,
        "tags": list(TAGS),
        "schedule": SCHEDULE,
        "start_date": START_DATE,
        "defaults": {"retries": RETRIES, "retry_delay": f"{RETRY_DELAY_SECONDS}s"},
        "nodes": [
            {"id": node.id, "type": node.type, "inputs": list(node.inputs), "config": node.config}
            for node in pipeline_nodes(number)
        ],
    }


def write_ours(root: Path, count: int) -> Bundle:
    """Publish ``count`` specs with the product's own publishing code."""
    for number in range(1, count + 1):
        publish_spec(PipelineSpec.model_validate(spec_data(number)), root, folder=FOLDER)
    return Bundle("ours", root, root / PIPELINES_DIR / FOLDER / LOADER_NAME)


DAGFACTORY_LOADER = '''\
"""Airflow DAG loader for the dag-factory YAML configs in this folder (benchmark)."""

from pathlib import Path

from dagfactory import load_yaml_dags

load_yaml_dags(globals_dict=globals(), dags_folder=str(Path(__file__).resolve().parent))
'''


def dagfactory_config(number: int, spec_folder: str) -> dict[str, Any]:
    """Pipeline ``number`` as a dag-factory 1.1.0 config with the product's operator."""
    tasks = []
    for node in pipeline_nodes(number):
        task: dict[str, Any] = {
            "task_id": node.id,
            "operator": OPERATOR,
            "node_type": node.type,
            "config": node.config,
            "input_nodes": list(node.inputs),
            "spec_folder": spec_folder,
        }
        if node.inputs:
            task["dependencies"] = list(node.inputs)
        tasks.append(task)
    return {
        pipeline_id(number): {
            "dag_display_name": f"Bench pipeline {number}",
            "description": "Joins two files and reduces the result in seven steps.",
            "schedule": SCHEDULE,
            "start_date": START_DATE,
            "catchup": False,
            "tags": ["aggregator", *TAGS],
            "on_success_callback": CLEANUP_CALLBACK,
            "default_args": {
                "owner": OWNER,
                "retries": RETRIES,
                "retry_delay": {"__type__": "datetime.timedelta", "seconds": RETRY_DELAY_SECONDS},
            },
            "tasks": tasks,
        }
    }


def write_dagfactory(root: Path, count: int) -> Bundle:
    """One YAML config per pipeline plus dag-factory's documented loader file."""
    folder = root / PIPELINES_DIR / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        text = yaml.safe_dump(dagfactory_config(number, str(folder)), sort_keys=False)
        (folder / f"{pipeline_id(number)}.yaml").write_text(text, encoding="utf-8")
    loader = folder / "dagfactory_loader.py"
    loader.write_text(DAGFACTORY_LOADER, encoding="utf-8")
    return Bundle("dagfactory", root, loader)


HANDWRITTEN_HEADER = '''\
"""{count} pipelines written by hand as one Python loop over plain Airflow operators (benchmark)."""

from datetime import datetime, timedelta, timezone

from airflow.sdk import DAG

{operator_import}
from providers.staging.cleanup import cleanup_staging_on_success

SPEC_FOLDER = {spec_folder!r}
START_DATE = datetime({year}, {month}, {day}, tzinfo=timezone.utc)
'''

HANDWRITTEN_LOOP = '''

def nodes(number):
    """(task id, node type, inputs, config) of pipeline ``number``."""
    result = [
        ("orders", "source.file", [], {{"path": f"data/orders_{{number:04d}}.csv"}}),
        ("customers", "source.file", [], {{"path": f"data/customers_{{number:04d}}.csv"}}),
        ("step_1", "python.callable", ["orders", "customers"], {{"callable": {join!r}}}),
    ]
    for step in range(2, 8):
        config = {{"callable": {chain!r}, "kwargs": {{"min_amount": step}}}}
        result.append((f"step_{{step}}", "python.callable", [f"step_{{step - 1}}"], config))
    output = f"output/bench_pipeline_{{number:04d}}.parquet"
    result.append(("load", "sink.file", ["step_7"], {{"path": output}}))
    return result


for number in range(1, {count} + 1):
    dag_id = f"bench_pipeline_{{number:04d}}"
    with DAG(
        dag_id=dag_id,
        dag_display_name=f"Bench pipeline {{number}}",
        description="Joins two files and reduces the result in seven steps.",
        schedule={schedule!r},
        start_date=START_DATE,
        catchup=False,
        tags=["aggregator", {tags}],
        default_args={{"owner": {owner!r}, "retries": {retries}, "retry_delay": timedelta(seconds={delay})}},
        doc_md=f"# Bench pipeline {{number}}\\n\\nJoins two files and reduces the result in seven steps.",
        on_success_callback=cleanup_staging_on_success,
    ) as dag:
        tasks = {{}}
        for task_id, node_type, inputs, config in nodes(number):
            tasks[task_id] = {make_task}
            for upstream in inputs:
                tasks[upstream] >> tasks[task_id]
    globals()[dag_id] = dag
'''

PIPELINE_TASK = (
    "PipelineNodeOperator(\n"
    "                task_id=task_id,\n"
    "                node_type=node_type,\n"
    "                config=config,\n"
    "                input_nodes=inputs,\n"
    "                spec_folder=SPEC_FOLDER,\n"
    "            )"
)
EMPTY_TASK = "EmptyOperator(task_id=task_id)"


def handwritten_source(count: int, spec_folder: str, *, empty: bool) -> str:
    """The text of the hand-written loop file, using the product's operator or ``EmptyOperator``."""
    year, month, day = (int(part) for part in START_DATE.split("-"))
    module, _, name = (EMPTY_OPERATOR if empty else OPERATOR).rpartition(".")
    header = HANDWRITTEN_HEADER.format(
        count=count,
        operator_import=f"from {module} import {name}",
        spec_folder=spec_folder,
        year=year,
        month=month,
        day=day,
    )
    loop = HANDWRITTEN_LOOP.format(
        count=count,
        join=JOIN_CALLABLE,
        chain=CHAIN_CALLABLE,
        schedule=SCHEDULE,
        tags=", ".join(repr(tag) for tag in TAGS),
        owner=OWNER,
        retries=RETRIES,
        delay=RETRY_DELAY_SECONDS,
        make_task=EMPTY_TASK if empty else PIPELINE_TASK,
    )
    return header + loop


def write_handwritten(root: Path, count: int, *, empty: bool = False) -> Bundle:
    """One ``.py`` file that builds every DAG in a loop."""
    folder = root / PIPELINES_DIR / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "handwritten_dags.py"
    path.write_text(handwritten_source(count, str(folder), empty=empty), encoding="utf-8")
    return Bundle("handwritten_empty" if empty else "handwritten", root, path)


def write_bundles(workdir: Path, count: int) -> dict[str, Bundle]:
    """Write every variant's bundle under ``workdir``; return them by name."""
    bundles = [
        write_ours(workdir / "ours", count),
        write_dagfactory(workdir / "dagfactory", count),
        write_handwritten(workdir / "handwritten", count),
        write_handwritten(workdir / "handwritten_empty", count, empty=True),
    ]
    manifest = {bundle.name: str(bundle.dag_file) for bundle in bundles}
    (workdir / "bundles.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return {bundle.name: bundle for bundle in bundles}
