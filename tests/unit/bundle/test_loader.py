"""The per-folder loader, as Airflow's own DagBag parses it."""

import json
import os
from pathlib import Path

import pytest

from dag_factory.bundle.publish import ensure_loader, publish_spec
from dag_factory.spec.parsing import load_spec_file

SPEC_PATH = Path(__file__).resolve().parents[2] / "specs" / "orders_daily.yaml"


def dag_bag(folder: Path):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(folder))


def write_spec(folder: Path, name: str, pipeline_id: str, replace: tuple[str, str] = ("", "")) -> Path:
    text = SPEC_PATH.read_text().replace("id: orders_daily", f"id: {pipeline_id}")
    if replace[0]:
        text = text.replace(*replace)
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    ensure_loader(tmp_path)
    return tmp_path


def test_every_valid_spec_in_the_folder_becomes_a_dag(folder):
    write_spec(folder, "a.yaml", "pipe_a")
    write_spec(folder, "b.yml", "pipe_b")
    publish_spec(load_spec_file(write_spec(folder.parent, "c.yaml", "pipe_c")), folder.parent / "bundle")
    bag = dag_bag(folder)
    assert sorted(bag.dag_ids) == ["pipe_a", "pipe_b"]
    assert bag.import_errors == {}
    assert bag.dags["pipe_a"].fileloc == str(folder / "aggregator_loader.py")


def test_broken_specs_are_one_import_error_and_do_not_hide_valid_ones(folder):
    write_spec(folder, "good.yaml", "good_one")
    write_spec(folder, "typo.yaml", "typo_one", ("type: source.file", "type: source.fil"))
    write_spec(folder, "cycle.yaml", "cycle_one", ("inputs: [orders]", "inputs: [orders, ghost]"))
    bag = dag_bag(folder)
    assert bag.dag_ids == ["good_one"]
    [(path, message)] = bag.import_errors.items()
    assert path.endswith("aggregator_loader.py")
    assert "2 pipeline spec(s)" in message
    assert "typo.yaml:9:11: nodes[0].type: unknown node type 'source.fil'" in message
    assert "cycle.yaml:13:22: nodes[1].inputs[1]: unknown node 'ghost'" in message


def test_two_specs_with_one_id_are_reported(folder):
    write_spec(folder, "one.yaml", "same_id")
    write_spec(folder, "two.yaml", "same_id")
    bag = dag_bag(folder)
    assert bag.dag_ids == ["same_id"]
    assert "pipeline id 'same_id' is also used by one.yaml" in next(iter(bag.import_errors.values()))


def test_task_start_builds_only_its_own_dag(folder, monkeypatch):
    write_spec(folder, "pipe_a.yaml", "pipe_a")
    write_spec(folder, "pipe_b.yaml", "pipe_b")
    write_spec(folder, "broken.yaml", "broken", ("type: source.file", "type: nope"))
    monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", "pipe_b")
    bag = dag_bag(folder)
    assert bag.dag_ids == ["pipe_b"]
    assert bag.import_errors == {}


def test_task_start_finds_a_spec_whose_file_is_not_named_after_it(folder, monkeypatch):
    write_spec(folder, "x.yaml", "pipe_x")
    monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", "pipe_x")
    assert dag_bag(folder).dag_ids == ["pipe_x"]


def test_loader_passes_airflow_safe_mode_heuristic(folder):
    from airflow.utils.file import might_contain_dag

    assert might_contain_dag(str(folder / "aggregator_loader.py"), safe_mode=True)


def test_repository_loader_is_the_generated_one():
    repo_loader = Path(__file__).resolve().parents[3] / "dags/pipelines/examples/aggregator_loader.py"
    from dag_factory.bundle.publish import LOADER_SOURCE

    assert repo_loader.read_text() == LOADER_SOURCE


def test_published_json_builds_the_same_version(tmp_path):
    spec = load_spec_file(SPEC_PATH)
    target = publish_spec(spec, tmp_path, "team")
    assert target == tmp_path / "pipelines" / "team" / "orders_daily.json"
    assert json.loads(target.read_text())["id"] == "orders_daily"
    assert load_spec_file(target).content_hash == spec.content_hash
    bag = dag_bag(target.parent)
    assert bag.dag_ids == ["orders_daily"]
    assert spec.content_hash in bag.dags["orders_daily"].doc_md


def test_publish_replaces_atomically_and_leaves_no_temporary_files(tmp_path):
    spec = load_spec_file(SPEC_PATH)
    publish_spec(spec, tmp_path)
    publish_spec(spec, tmp_path)
    files = sorted(p.name for p in (tmp_path / "pipelines" / "main").iterdir())
    assert files == ["aggregator_loader.py", "orders_daily.json"]


@pytest.mark.parametrize("bad", ["../escape", "/abs", "", "a/../../b"])
def test_publish_refuses_folders_outside_the_bundle(tmp_path, bad):
    with pytest.raises(ValueError, match="relative folder"):
        publish_spec(load_spec_file(SPEC_PATH), tmp_path, bad)
    assert not (tmp_path / "pipelines").exists() or not any((tmp_path / "pipelines").rglob("*.json"))


def test_parsing_context_variable_name_matches_airflow():
    from airflow.sdk.definitions.context import _AIRFLOW_PARSING_CONTEXT_DAG_ID

    from dag_factory.bundle import loader

    assert loader._PARSING_CONTEXT_DAG_ID == _AIRFLOW_PARSING_CONTEXT_DAG_ID
    assert os.environ.get(_AIRFLOW_PARSING_CONTEXT_DAG_ID) is None


def test_task_start_builds_without_discovering_node_types(folder, monkeypatch):
    """The nodes were checked when the dag-processor parsed the file; each re-checks its config at run."""
    from dag_factory.registry import catalog

    write_spec(folder, "pipe_a.yaml", "pipe_a")
    monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", "pipe_a")

    def no_discovery():
        raise AssertionError("the registry was consulted at task start")

    monkeypatch.setattr(catalog, "default_registry", no_discovery)
    monkeypatch.setattr("dag_factory.spec.parsing.default_registry", no_discovery)
    assert dag_bag(folder).dag_ids == ["pipe_a"]


def test_loading_leaves_the_garbage_collector_as_it_found_it(folder):
    import gc

    from dag_factory.bundle.loader import load_pipelines

    write_spec(folder, "bad.yaml", "bad", ("type: source.file", "type: nope"))
    assert gc.isenabled()
    load_pipelines(str(folder / "aggregator_loader.py"), {})
    assert gc.isenabled()
    gc.disable()
    try:
        load_pipelines(str(folder / "aggregator_loader.py"), {})
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_publishing_into_another_folder_moves_the_spec(tmp_path):
    spec = load_spec_file(SPEC_PATH)
    first = publish_spec(spec, tmp_path, "team")
    second = publish_spec(spec, tmp_path, "finance/daily")
    assert second == tmp_path / "pipelines" / "finance" / "daily" / "orders_daily.json"
    assert second.exists() and not first.exists()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("orders_daily.json")) == [
        "pipelines/finance/daily/orders_daily.json"
    ]
