"""``aggregator diff``, ``template``, ``export``, ``import`` and ``import-dag-factory``, run in-process."""

import json
from pathlib import Path

import pytest

from dag_factory.cli.main import main
from dag_factory.interchange import import_specs
from dag_factory.spec.parsing import load_spec_file, parse_spec

REPO = Path(__file__).resolve().parents[3]
SPEC = REPO / "tests" / "specs" / "orders_daily.yaml"
PYTHON_OPERATOR = "airflow.providers.standard.operators.python.PythonOperator"
BASH_OPERATOR = "airflow.providers.standard.operators.bash.BashOperator"


def aggregator(capsys, *args):
    """Exit code, stdout and stderr of one command."""
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def spec_copy(folder: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = SPEC.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text)
    return path


# --- diff -------------------------------------------------------------------------------

DIFF_CASES = {
    "same pipeline written differently": (
        [('schedule: "@daily"', "schedule: '@daily'")],
        [],
        0,
        "no changes",
        [],
    ),
    "changed schedule": (
        [("@daily", "@hourly")],
        [],
        1,
        "1 pipeline field changed",
        ["pipeline:", '  ~ schedule: "@daily" -> "@hourly"'],
    ),
    "changed config key and added node": (
        [
            ("config: {path: out.parquet}", "config: {path: out.csv}"),
            (
                "  - id: load\n",
                "  - id: extra\n    type: sink.file\n    inputs: [big]\n    config: {path: x.csv}\n"
                "  - id: load\n",
            ),
        ],
        [],
        1,
        "1 node added, 1 changed, 1 config key changed, 1 edge added",
        [
            "nodes added:",
            "  + extra (sink.file)",
            "nodes changed:",
            "  load:",
            '    ~ config.path: "out.parquet" -> "out.csv"',
            "edges added:",
            "  + big -> extra",
        ],
    ),
    "moved node ignored without --layout": (
        [("    type: sink.file\n", "    type: sink.file\n    ui: {position: {x: 5, y: 7}}\n")],
        [],
        0,
        "no changes",
        [],
    ),
    "moved node reported with --layout": (
        [("    type: sink.file\n", "    type: sink.file\n    ui: {position: {x: 5, y: 7}}\n")],
        ["--layout"],
        1,
        "1 node changed",
        ["nodes changed:", "  load:", '    ~ ui.position: null -> {"x": 5.0, "y": 7.0}'],
    ),
}


@pytest.mark.parametrize(
    ("replacements", "options", "code", "summary", "lines"), DIFF_CASES.values(), ids=DIFF_CASES
)
def test_diff_prints_summary_and_sections_and_exits_1_when_different(
    tmp_path, capsys, replacements, options, code, summary, lines
):
    new = spec_copy(tmp_path, "new.yaml", *replacements)
    result, out, _ = aggregator(capsys, "diff", SPEC, new, *options)
    assert result == code
    assert out.splitlines() == [summary, *lines]


def test_diff_json_is_the_diff_data(tmp_path, capsys):
    new = spec_copy(tmp_path, "new.yaml", ("id: big", "id: large"), ("inputs: [big]", "inputs: [large]"))
    code, out, _ = aggregator(capsys, "diff", SPEC, new, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == "1 node renamed"
    assert data["nodes"]["renamed"] == [{"from": "big", "to": "large"}]
    assert data["edges"] == {"added": [], "removed": []}


DIFF_TROUBLE = {
    "missing file": (lambda tmp: tmp / "nope.yaml", "cannot read the file"),
    "invalid spec": (
        lambda tmp: spec_copy(tmp, "bad.yaml", ("inputs: [big]", "inputs: [bgi]")),
        "nodes[2].inputs[0]: unknown node 'bgi'",
    ),
}


@pytest.mark.parametrize(("make_path", "message"), DIFF_TROUBLE.values(), ids=DIFF_TROUBLE)
def test_diff_exits_2_on_an_unreadable_or_invalid_spec(tmp_path, capsys, make_path, message):
    code, out, err = aggregator(capsys, "diff", SPEC, make_path(tmp_path))
    assert code == 2
    assert out == ""
    assert message in err


# --- template ---------------------------------------------------------------------------


def test_template_list_names_every_builtin_with_its_required_parameters(capsys):
    code, out, _ = aggregator(capsys, "template", "list")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert "files_compaction" in lines
    assert "(needs api_conn, path)" in lines["rest_api_to_parquet"]
    code, out, _ = aggregator(capsys, "template", "list", "--json")
    assert code == 0
    assert {t["id"] for t in json.loads(out)} == set(lines)


def test_template_show_lists_parameters_and_spec(capsys):
    code, out, _ = aggregator(capsys, "template", "show", "files_compaction")
    assert code == 0
    assert (
        '  compression  string, default "zstd", one of "snappy", "zstd", "gzip", "none"' in out.splitlines()
    )
    assert "  input_conn  connection, optional" in out.splitlines()
    assert "      path: ${input_path}" in out.splitlines()


@pytest.mark.parametrize("action", ["show", "new"])
def test_unknown_template_id_suggests_the_closest(capsys, action):
    extra = ["--id", "x"] if action == "new" else []
    code, out, err = aggregator(capsys, "template", action, "files_compactoin", *extra)
    assert code == 1
    assert out == ""
    assert "no built-in template 'files_compactoin' (did you mean 'files_compaction'?)" in err


def assignments(*pairs: str) -> list[str]:
    """``--set`` options for each ``name=value``."""
    return [arg for pair in pairs for arg in ("--set", pair)]


REPLICATION = assignments(
    "source_conn=app_db", "source_table=orders", "target_conn=dwh", "target_table=orders"
)
CSV_TARGET = assignments("folder=in", "target_conn=dwh", "target_table=t")
API = assignments("api_conn=api", "path=/v1/orders")

NEW_CASES = {
    "text values with defaults": (
        "database_replication_incremental",
        REPLICATION,
        lambda spec: spec.nodes[1].config["table"] == "orders",
    ),
    "list as comma-separated text": (
        "csv_drop_folder_to_database",
        [*CSV_TARGET, *assignments("keys=order_id, line")],
        lambda spec: spec.nodes[1].config["keys"] == ["order_id", "line"],
    ),
    "list as JSON, boolean in capitals": (
        "csv_drop_folder_to_database",
        [*CSV_TARGET, *assignments('keys=["id"]', "union_by_name=FALSE")],
        lambda spec: spec.nodes[1].config["keys"] == ["id"] and not spec.nodes[0].config["union_by_name"],
    ),
    "integer from text": (
        "rest_api_to_parquet",
        [*API, *assignments("page_size=250")],
        lambda spec: spec.nodes[0].config["pagination"]["page_size"] == 250,
    ),
}


@pytest.mark.parametrize(("template_id", "options", "check"), NEW_CASES.values(), ids=NEW_CASES)
def test_template_new_prints_the_valid_spec_as_yaml(capsys, template_id, options, check):
    code, out, err = aggregator(capsys, "template", "new", template_id, "--id", "made", *options)
    assert code == 0, err
    spec = parse_spec(out)
    assert spec.id == "made"
    assert check(spec)


def test_template_new_reads_values_file_and_set_wins(tmp_path, capsys):
    values = tmp_path / "values.yaml"
    values.write_text("api_conn: api\npath: /v1/orders\npage_size: 10\nstart_date: 2026-03-01\n")
    output = tmp_path / "spec.yaml"
    options = ["--values", values, "--set", "page_size=20", "--output", output]
    code, out, err = aggregator(capsys, "template", "new", "rest_api_to_parquet", "--id", "made", *options)
    assert code == 0, err
    assert out == ""
    spec = load_spec_file(output)
    assert spec.nodes[0].config["pagination"]["page_size"] == 20
    assert spec.start_date.isoformat().startswith("2026-03-01")


BAD_VALUES = {
    "integer as words": (
        ["--set", "page_size=lots"],
        ["parameters.page_size: expected a whole number, got text 'lots'"],
    ),
    "decimal for an integer": (
        ["--set", "page_size=2.5"],
        ["parameters.page_size: expected a whole number, got text '2.5'"],
    ),
    "boolean as yes": (
        ["--set", "union_by_name=yes"],
        ["parameters.union_by_name: expected true or false, got text 'yes'"],
    ),
    "misspelt name": (
        ["--set", "pag_size=3"],
        ["parameters.pag_size: unknown parameter 'pag_size' (did you mean 'page_size'?)"],
    ),
    "no equals sign, and a wrong type, both reported": (
        ["--set", "page_size", "--set", "page_size=x"],
        ["--set 'page_size' must look like name=value", "parameters.page_size: expected a whole number"],
    ),
    "value the spec rejects names its parameter": (
        ["--set", "page_size=0"],
        [
            "nodes[0].config.pagination.page_size: Input should be greater than or equal to 1 "
            "(value from parameter 'page_size')"
        ],
    ),
}


@pytest.mark.parametrize(("options", "messages"), BAD_VALUES.values(), ids=BAD_VALUES)
def test_template_new_lists_every_bad_value_with_its_parameter(capsys, options, messages):
    if "union_by_name" in options[1]:
        base = [*CSV_TARGET, *assignments("keys=k")]
        template_id = "csv_drop_folder_to_database"
    else:
        base = API
        template_id = "rest_api_to_parquet"
    code, out, err = aggregator(capsys, "template", "new", template_id, "--id", "made", *base, *options)
    assert code == 1
    assert out == ""
    for message in messages:
        assert f"template '{template_id}': " in err
        assert message in err


def test_template_new_reports_missing_required_parameters(capsys):
    code, _, err = aggregator(capsys, "template", "new", "rest_api_to_parquet", "--id", "made")
    assert code == 1
    assert "parameters.api_conn: 'api_conn' is required" in err
    assert "parameters.path: 'path' is required" in err


# --- export and import ------------------------------------------------------------------


def test_export_writes_one_spec_as_itself_and_several_as_a_set(tmp_path, capsys):
    other = spec_copy(tmp_path, "other.yaml", ("id: orders_daily", "id: orders_hourly"))
    code, out, _ = aggregator(capsys, "export", SPEC)
    assert code == 0
    assert parse_spec(out).content_hash == load_spec_file(SPEC).content_hash
    target = tmp_path / "set.json"
    code, _, err = aggregator(capsys, "export", SPEC, other, "--format", "json", "--output", target)
    assert code == 0
    assert f"wrote 2 spec(s) to {target}" in err
    data = json.loads(target.read_text())
    assert [spec["id"] for spec in data["pipelines"]] == ["orders_daily", "orders_hourly"]


EXPORT_REFUSED = {
    "duplicate ids": (
        lambda tmp: spec_copy(tmp, "copy.yaml", ("@daily", "@hourly")),
        "copy.yaml: pipeline id 'orders_daily' is also the id of",
    ),
    "invalid spec": (
        lambda tmp: spec_copy(
            tmp, "bad.yaml", ("id: orders_daily", "id: orders_2"), ("type: sink.file", "type: sink.fil")
        ),
        "nodes[2].type: unknown node type 'sink.fil'",
    ),
    "missing file": (lambda tmp: tmp / "gone.yaml", "gone.yaml: no such file or folder"),
}


@pytest.mark.parametrize(("make_path", "message"), EXPORT_REFUSED.values(), ids=EXPORT_REFUSED)
def test_export_writes_nothing_when_a_spec_cannot_be_exported(tmp_path, capsys, make_path, message):
    target = tmp_path / "set.yaml"
    code, _, err = aggregator(capsys, "export", SPEC, make_path(tmp_path), "-o", target)
    assert code == 1
    assert message in err
    assert "nothing exported" in err
    assert not target.exists()


def exported_set(tmp_path: Path, capsys) -> Path:
    other = spec_copy(tmp_path, "other.yaml", ("id: orders_daily", "id: orders_hourly"))
    target = tmp_path / "set.yaml"
    assert aggregator(capsys, "export", SPEC, other, "-o", target)[0] == 0
    return target


def test_import_splits_a_set_into_one_file_per_pipeline(tmp_path, capsys):
    exported = exported_set(tmp_path, capsys)
    out_dir = tmp_path / "specs"
    code, out, _ = aggregator(capsys, "import", exported, "--output-dir", out_dir)
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["orders_daily.yaml", "orders_hourly.yaml"]
    assert f"wrote {out_dir / 'orders_daily.yaml'}" in out.splitlines()
    specs = import_specs(exported.read_text())
    assert [load_spec_file(out_dir / f"{s.id}.yaml").content_hash for s in specs] == [
        s.content_hash for s in specs
    ]


def test_import_refuses_to_overwrite_unless_forced(tmp_path, capsys):
    exported = exported_set(tmp_path, capsys)
    out_dir = tmp_path / "specs"
    out_dir.mkdir()
    (out_dir / "orders_hourly.yaml").write_text("mine")
    code, out, err = aggregator(capsys, "import", exported, "--output-dir", out_dir)
    assert code == 1
    assert out == ""
    assert "1 file(s) already exist, nothing written (use --force to overwrite)" in err
    assert str(out_dir / "orders_hourly.yaml") in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["orders_hourly.yaml"]
    assert (out_dir / "orders_hourly.yaml").read_text() == "mine"
    code, _, _ = aggregator(capsys, "import", exported, "--output-dir", out_dir, "--force")
    assert code == 0
    assert load_spec_file(out_dir / "orders_hourly.yaml").id == "orders_hourly"


IMPORT_BAD = {
    "invalid spec in a set": (
        "pipelines:\n  - apiVersion: aggregator/v1\n    id: a\n    nodes: []\n",
        1,
        "set.yaml:4:5: pipelines[0].nodes:",
    ),
    "malformed YAML": ("pipelines: [\n", 1, "malformed YAML"),
}


@pytest.mark.parametrize(("text", "code", "message"), IMPORT_BAD.values(), ids=IMPORT_BAD)
def test_import_reports_bad_documents_and_writes_nothing(tmp_path, capsys, text, code, message):
    source = tmp_path / "set.yaml"
    source.write_text(text)
    result, _, err = aggregator(capsys, "import", source, "--output-dir", tmp_path / "out")
    assert result == code
    assert message in err
    assert not (tmp_path / "out").exists()


def test_import_of_a_missing_file_exits_2(tmp_path, capsys):
    code, _, err = aggregator(capsys, "import", tmp_path / "gone.yaml")
    assert code == 2
    assert "cannot read" in err


# --- import-dag-factory -----------------------------------------------------------------


def dag_factory_file(tmp_path: Path, *, with_bash: bool) -> Path:
    bash = (
        f"    notify:\n      operator: {BASH_OPERATOR}\n      bash_command: echo hi\n"
        "      dependencies: [extract]\n"
    )
    text = (
        "etl:\n  start_date: 2025-01-01\n  default_args: {owner: me}\n  tasks:\n"
        f"    extract:\n      operator: {PYTHON_OPERATOR}\n      python_callable: pkg.jobs.run\n"
        + (bash if with_bash else "")
    )
    path = tmp_path / "dags.yml"
    path.write_text(text)
    return path


DAG_FACTORY_CASES = {
    "everything mapped": (False, 0, [], "1 DAG(s): 1 converted completely, 0 need attention"),
    "a bash task is not mapped": (
        True,
        1,
        ["  not mapped: task 'notify', operator: BashOperator runs a shell command"],
        "1 DAG(s): 0 converted completely, 1 need attention",
    ),
}


@pytest.mark.parametrize(
    ("with_bash", "code", "lines", "summary"), DAG_FACTORY_CASES.values(), ids=DAG_FACTORY_CASES
)
def test_import_dag_factory_writes_specs_and_reports_what_did_not_map(
    tmp_path, capsys, with_bash, code, lines, summary
):
    out_dir = tmp_path / "specs"
    result, out, err = aggregator(
        capsys, "import-dag-factory", dag_factory_file(tmp_path, with_bash=with_bash), "--output-dir", out_dir
    )
    assert result == code
    out_lines = out.splitlines()
    assert out_lines[0] == f"dag 'etl' -> {out_dir / 'etl.yaml'}"
    assert f"  mapped: task 'extract' ({PYTHON_OPERATOR}) -> python.callable" in out_lines
    for line in lines:
        assert any(printed.startswith(line) for printed in out_lines), line
    assert summary in err
    spec = load_spec_file(out_dir / "etl.yaml")
    assert [node.id for node in spec.nodes] == ["extract"]


def test_import_dag_factory_writes_an_invalid_conversion_to_fix_by_hand(tmp_path, capsys):
    source = tmp_path / "dags.yml"
    source.write_text(
        f"only_bash:\n  tasks:\n    t:\n      operator: {BASH_OPERATOR}\n      bash_command: ls\n"
    )
    code, out, _ = aggregator(capsys, "import-dag-factory", source, "--output-dir", tmp_path)
    assert code == 1
    assert "  invalid spec, fix by hand:" in out.splitlines()
    assert "nodes" in (tmp_path / "only_bash.yaml").read_text()


def test_import_dag_factory_refuses_to_overwrite(tmp_path, capsys):
    (tmp_path / "etl.yaml").write_text("mine")
    source = dag_factory_file(tmp_path, with_bash=False)
    code, out, err = aggregator(capsys, "import-dag-factory", source, "--output-dir", tmp_path)
    assert code == 1
    assert out == ""
    assert "already exist, nothing written (use --force to overwrite)" in err
    assert (tmp_path / "etl.yaml").read_text() == "mine"


DAG_FACTORY_UNREADABLE = {
    "malformed YAML": (": [\n", "malformed YAML"),
    "missing file": (None, "cannot read"),
}


@pytest.mark.parametrize(("text", "message"), DAG_FACTORY_UNREADABLE.values(), ids=DAG_FACTORY_UNREADABLE)
def test_import_dag_factory_exits_2_on_unreadable_input(tmp_path, capsys, text, message):
    source = tmp_path / "dags.yml"
    if text is not None:
        source.write_text(text)
    code, out, err = aggregator(capsys, "import-dag-factory", source, "--output-dir", tmp_path / "out")
    assert code == 2
    assert out == ""
    assert message in err
    assert not (tmp_path / "out").exists()
