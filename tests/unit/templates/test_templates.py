"""Templates: built-ins make valid specs, bad values are named, placeholders round-trip."""

import json
from pathlib import Path

import pytest

from dag_factory.spec.errors import SpecError
from dag_factory.spec.parsing import load_spec_file, parse_spec
from dag_factory.templates import (
    PipelineTemplate,
    TemplateError,
    TemplateValuesError,
    UnknownTemplateError,
    builtin_template,
    builtin_templates,
    instantiate,
    parse_template,
    read_template,
    template_from_pipeline,
)

ORDERS_DAILY = Path(__file__).resolve().parents[2] / "specs" / "orders_daily.yaml"

# Values for the required parameters of the built-ins, by parameter type.
REQUIRED_SAMPLES = {
    "connection": "warehouse",
    "string": "orders",
    "list": ["order_id"],
    "integer": 1,
    "number": 1.5,
    "boolean": True,
}

EXAMPLE = {
    "id": "example",
    "title": "Example",
    "parameters": {
        "folder": {"type": "string", "required": True},
        "rows": {"type": "integer", "default": 1000},
        "ratio": {"type": "number", "default": 0.5},
        "header": {"type": "boolean", "default": True},
        "storage": {"type": "connection"},
        "keys": {"type": "list", "items": "string", "default": ["id"]},
        "mode": {"enum": ["append", "merge"], "default": "merge"},
        "day": {"pattern": r"\d{4}-\d{2}-\d{2}", "default": "2026-01-01"},
    },
    "spec": {
        "apiVersion": "aggregator/v1",
        "start_date": "${day}",
        "params": {"ratio": "${ratio}", "note": "$${kept} for {{ ds }}"},
        "nodes": [
            {
                "id": "orders",
                "type": "source.file",
                "config": {
                    "path": "${folder}/{{ ds }}/orders.csv",
                    "conn_id": "${storage}",
                    "csv": {"header": "${header}"},
                    "batch_rows": "${rows}",
                },
            },
            {
                "id": "load",
                "type": "sink.sql",
                "inputs": ["orders"],
                "config": {"conn_id": "dwh", "table": "orders", "mode": "${mode}", "keys": "${keys}"},
            },
        ],
    },
}


def example(**changes):
    data = json.loads(json.dumps(EXAMPLE))
    data.update(changes)
    return parse_template(data)


def value_issues(template, values):
    with pytest.raises(TemplateValuesError) as caught:
        instantiate(template, values, pipeline_id="made")
    return {issue.location: issue.message for issue in caught.value.issues}


def template_issues(data):
    with pytest.raises(TemplateError) as caught:
        parse_template(data)
    return {issue.location: issue.message for issue in caught.value.issues}


def required_values(template: PipelineTemplate) -> dict:
    return {name: REQUIRED_SAMPLES[p.type] for name, p in template.parameters.items() if p.required}


# --- built-ins -------------------------------------------------------------------------


def test_the_six_builtins_are_listed_by_id():
    assert sorted(builtin_templates()) == [
        "api_to_database_merge",
        "csv_drop_folder_to_database",
        "database_replication_incremental",
        "database_to_files_by_day",
        "files_compaction",
        "rest_api_to_parquet",
    ]


@pytest.mark.parametrize("template_id", sorted(builtin_templates()))
def test_builtin_instantiates_with_defaults_into_a_valid_spec(template_id):
    template = builtin_template(template_id)
    spec = instantiate(template, required_values(template), pipeline_id=f"{template_id}_pipeline")
    assert spec.id == f"{template_id}_pipeline"
    reparsed = parse_spec(json.dumps(spec.to_data()), is_json=True)
    assert reparsed.content_hash == spec.content_hash
    assert "${" not in json.dumps(spec.to_data())


@pytest.mark.parametrize(
    ("template_id", "node_id", "node_type", "expected_config"),
    [
        (
            "database_replication_incremental",
            "extract",
            "source.sql",
            {"incremental": {"cursor_column": "updated_at", "lookback": 0, "state_conn_id": "warehouse"}},
        ),
        ("database_replication_incremental", "load", "sink.sql", {"mode": "merge", "keys": ["id"]}),
        (
            "rest_api_to_parquet",
            "fetch",
            "source.http",
            {"pagination": {"type": "page", "size_param": "per_page", "page_size": 100}},
        ),
        (
            "rest_api_to_parquet",
            "save",
            "sink.file",
            {"path": "output/api/{{ ds_nodash }}.parquet", "format": "parquet"},
        ),
        ("csv_drop_folder_to_database", "files", "source.file", {"path": "orders/*.csv", "format": "csv"}),
        ("csv_drop_folder_to_database", "latest", "transform.dedupe", {"keys": ["order_id"], "keep": "last"}),
        ("csv_drop_folder_to_database", "load", "sink.sql", {"mode": "merge", "keys": ["order_id"]}),
        ("database_to_files_by_day", "run_day", "transform.filter", {"where": "day = '{{ ds }}'"}),
        ("database_to_files_by_day", "save", "sink.file", {"partition_by": ["day"], "format": "parquet"}),
        (
            "api_to_database_merge",
            "fetch",
            "source.http",
            {"incremental": {"param": "updated_since", "cursor_field": "updated_at"}},
        ),
        ("api_to_database_merge", "load", "sink.sql", {"mode": "merge", "keys": ["id"]}),
        (
            "files_compaction",
            "small_files",
            "source.file",
            {"path": "landing/events/{{ ds }}", "format": "jsonl"},
        ),
        ("files_compaction", "compacted", "sink.file", {"format": "parquet", "compression": "zstd"}),
    ],
)
def test_builtin_uses_the_node_features_it_is_named_for(template_id, node_id, node_type, expected_config):
    template = builtin_template(template_id)
    node = instantiate(template, required_values(template), pipeline_id="p").node(node_id)
    assert node.type == node_type
    assert {key: node.config[key] for key in expected_config} == expected_config


@pytest.mark.parametrize(
    ("template_id", "parameter", "choice"),
    [
        (template.id, name, choice)
        for template in builtin_templates().values()
        for name, parameter in template.parameters.items()
        for choice in parameter.enum or ()
    ],
)
def test_every_choice_a_builtin_offers_gives_a_valid_spec(template_id, parameter, choice):
    template = builtin_template(template_id)
    spec = instantiate(template, {**required_values(template), parameter: choice}, pipeline_id="p")
    assert choice in json.dumps(spec.to_data())


def test_optional_parameter_without_value_leaves_its_key_out():
    template = builtin_template("database_replication_incremental")
    plain = instantiate(template, required_values(template), pipeline_id="p").node("load").config
    assert "schema" not in plain
    given = instantiate(template, {**required_values(template), "target_schema": "raw"}, pipeline_id="p")
    assert given.node("load").config["schema"] == "raw"
    assert given.node("extract").config["incremental"]["state_schema"] == "raw"


def test_unknown_builtin_id_suggests_the_closest():
    with pytest.raises(UnknownTemplateError) as caught:
        builtin_template("files_compation")
    assert str(caught.value).startswith(
        "no built-in template 'files_compation' (did you mean 'files_compaction'?)"
    )


# --- instantiation -----------------------------------------------------------------------


def test_values_are_substituted_keeping_their_types_and_jinja_survives():
    spec = instantiate(example(), {"folder": "in", "rows": 500, "header": False}, pipeline_id="orders_in")
    source = spec.node("orders").config
    assert source["path"] == "in/{{ ds }}/orders.csv"
    assert source["batch_rows"] == 500
    assert source["csv"] == {"header": False}
    assert "conn_id" not in source
    assert spec.node("load").config["keys"] == ["id"]
    assert spec.params == {"ratio": 0.5, "note": "${kept} for {{ ds }}"}
    assert str(spec.start_date) == "2026-01-01"


def test_value_inside_a_text_is_written_as_text():
    data = json.loads(json.dumps(EXAMPLE))
    data["spec"]["params"]["label"] = "${rows} rows, header ${header}, ratio ${ratio}"
    spec = instantiate(parse_template(data), {"folder": "in"}, pipeline_id="p")
    assert spec.params["label"] == "1000 rows, header true, ratio 0.5"


def test_instances_do_not_share_list_values():
    template = example()
    first = instantiate(template, {"folder": "a"}, pipeline_id="a")
    first.node("load").config["keys"].append("extra")
    second = instantiate(template, {"folder": "b"}, pipeline_id="b")
    assert second.node("load").config["keys"] == ["id"]
    assert template.parameters["keys"].default == ["id"]


@pytest.mark.parametrize(
    ("values", "location", "message"),
    [
        ({"folder": "in", "rows": "500"}, "parameters.rows", "expected a whole number, got text '500'"),
        ({"folder": "in", "rows": 5.0}, "parameters.rows", "expected a whole number, got the number 5.0"),
        ({"folder": "in", "rows": True}, "parameters.rows", "expected a whole number, got true"),
        ({"folder": "in", "ratio": "half"}, "parameters.ratio", "expected a number, got text 'half'"),
        ({"folder": "in", "header": "yes"}, "parameters.header", "expected true or false, got text 'yes'"),
        ({"folder": 7}, "parameters.folder", "expected text, got the number 7"),
        ({"folder": "in", "storage": "my conn"}, "parameters.storage", "'my conn' is not a connection id"),
        ({"folder": "in", "keys": "id"}, "parameters.keys", "expected a list, got text 'id'"),
        ({"folder": "in", "keys": ["id", 3]}, "parameters.keys[1]", "expected text, got the number 3"),
        (
            {"folder": "in", "mode": "upsert"},
            "parameters.mode",
            "'upsert' is not allowed; choose one of 'append', 'merge'",
        ),
        ({"folder": "in", "day": "01/02/2026"}, "parameters.day", "'01/02/2026' does not match the pattern"),
        (
            {"folder": "in", "rws": 5},
            "parameters.rws",
            "unknown parameter 'rws' (did you mean 'rows'?); parameters: folder,",
        ),
        ({}, "parameters.folder", "'folder' is required"),
        ({"folder": None}, "parameters.folder", "'folder' is required"),
    ],
)
def test_bad_value_is_reported_at_its_parameter(values, location, message):
    issues = value_issues(example(), values)
    assert list(issues) == [location]
    assert message in issues[location]


def test_every_bad_value_is_reported_at_once():
    issues = value_issues(example(), {"rows": "x", "header": 1, "colour": "red"})
    assert sorted(issues) == [
        "parameters.colour",
        "parameters.folder",
        "parameters.header",
        "parameters.rows",
    ]


def test_values_must_be_a_mapping():
    assert value_issues(example(), ["in"]) == {
        "parameters": "expected a mapping of parameter names to values, got a list"
    }


def test_invalid_resulting_spec_names_the_spec_path_and_the_parameter():
    data = json.loads(json.dumps(EXAMPLE))
    del data["parameters"]["mode"]["enum"]
    with pytest.raises(SpecError) as caught:
        instantiate(parse_template(data), {"folder": "in", "mode": "upsert"}, pipeline_id="bad id")
    assert not isinstance(caught.value, TemplateValuesError)
    issues = {issue.location: issue.message for issue in caught.value.issues}
    assert set(issues) == {"id", "nodes[1].config.mode"}
    assert issues["nodes[1].config.mode"].endswith("(value from parameter 'mode')")
    assert "parameter" not in issues["id"]


# --- template documents --------------------------------------------------------------------


def changed(**changes):
    data = json.loads(json.dumps(EXAMPLE))
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        (
            changed(spec__nodes__0__config__path="${fodler}/x.csv"),
            "spec.nodes[0].config.path",
            "unknown parameter 'fodler' (did you mean 'folder'?)",
        ),
        (
            changed(spec__nodes__0__config__path="${folder/x.csv"),
            "spec.nodes[0].config.path",
            "malformed placeholder at character 1",
        ),
        (
            changed(spec__nodes__0__config__path="${ folder }"),
            "spec.nodes[0].config.path",
            "malformed placeholder",
        ),
        (
            changed(spec__nodes__1__config__keys="${keys},id"),
            "spec.nodes[1].config.keys",
            "list parameter 'keys' must be the whole value",
        ),
        (
            changed(spec__params={"${folder}": 1, "ratio": "${ratio}"}),
            "spec.params.${folder}",
            "placeholders are replaced in values, not in keys",
        ),
        (changed(spec__id="orders"), "spec.id", "the pipeline id is given when instantiating"),
        (changed(spec__apiVersion="aggregator/v2"), "spec.apiVersion", "templates make aggregator/v1 specs"),
        (
            changed(parameters__spare={"default": "x"}),
            "parameters.spare",
            "parameter 'spare' is not used in the spec",
        ),
        (
            changed(parameters__rows={"type": "integer", "default": "many"}),
            "parameters.rows",
            "default: expected a whole number, got text 'many'",
        ),
        (
            changed(parameters__folder={"required": True, "default": "in"}),
            "parameters.folder",
            "a required parameter takes no default",
        ),
        (
            changed(parameters__rows={"type": "integer", "pattern": "\\d+"}),
            "parameters.rows",
            "pattern applies to text, not to integer parameters",
        ),
        (
            changed(parameters__day={"pattern": "(", "default": "x"}),
            "parameters.day",
            "pattern is not a regular expression",
        ),
        (
            changed(parameters__mode={"enum": ["append", 3], "default": "append"}),
            "parameters.mode",
            "enum: expected text, got the number 3",
        ),
        (changed(parameters__rows={"type": "int"}), "parameters.rows.type", "Input should be"),
        (
            changed(parameters__rows={"type": "integer", "defualt": 1}),
            "parameters.rows.defualt",
            "unknown key 'defualt' (did you mean 'default'?)",
        ),
        (changed(id="bad id"), "id", "pattern"),
    ],
)
def test_bad_template_is_reported_at_its_path(data, location, message):
    issues = template_issues(data)
    assert location in issues, issues
    assert message in issues[location]


def test_bad_parameter_name_is_reported_on_the_name():
    data = changed(parameters__rows={"type": "integer", "default": 1})
    data["parameters"]["2rows"] = data["parameters"].pop("rows")
    issues = template_issues(data)
    assert issues["parameters.2rows"].startswith("bad name: String should match pattern")


def test_constructing_a_bad_template_directly_is_refused():
    data = changed(spec__nodes__0__config__path="${fodler}")
    with pytest.raises(ValueError, match="unknown parameter 'fodler'"):
        PipelineTemplate(**data)


def test_template_text_errors_carry_line_and_column():
    text = (
        "id: t\n"
        "title: T\n"
        "parameters:\n"
        "  rows: {type: integer, default: many}\n"
        "spec:\n"
        "  nodes: [{id: a, type: source.file, config: {path: x.csv, batch_rows: '${rows}', n: '${nn}'}}]\n"
    )
    with pytest.raises(TemplateError) as caught:
        read_template(text, source="t.yaml")
    assert [issue.format("t.yaml") for issue in caught.value.issues] == [
        "t.yaml:4:3: parameters.rows: default: expected a whole number, got text 'many'",
    ]
    fixed = text.replace("default: many", "default: 5")
    with pytest.raises(TemplateError) as caught:
        read_template(fixed, source="t.yaml")
    assert [issue.format("t.yaml") for issue in caught.value.issues] == [
        "t.yaml:6:86: spec.nodes[0].config.n: unknown parameter 'nn'; parameters: rows",
    ]


def test_yaml_dates_are_kept_as_iso_text():
    text = (
        "id: t\ntitle: T\nparameters:\n  day: {default: 2026-03-01}\n"
        "spec:\n  start_date: 2026-01-01\n  end_date: '${day}'\n"
        "  nodes: [{id: a, type: source.file, config: {path: x.csv}}]\n"
    )
    template = read_template(text)
    assert (template.parameters["day"].default, template.spec["start_date"]) == ("2026-03-01", "2026-01-01")
    assert str(instantiate(template, pipeline_id="p").end_date) == "2026-03-01"


def test_template_data_round_trips_through_json():
    template = builtin_template("rest_api_to_parquet")
    again = parse_template(json.loads(json.dumps(template.to_data())))
    assert again == template


# --- templates from pipelines --------------------------------------------------------------


def literal_placeholder_spec():
    text = ORDERS_DAILY.read_text().replace(
        "config: {path: out.parquet}", 'config: {path: "out/${x}-{{ ds }}.parquet"}'
    )
    return parse_spec(text)


@pytest.mark.parametrize(
    ("spec", "parameters"),
    [
        (
            load_spec_file(ORDERS_DAILY),
            {
                "source_path": "nodes[0].config.path",
                "retries": "/defaults/retries",
                "min_amount": "params.min_amount",
            },
        ),
        (literal_placeholder_spec(), {"target": "nodes[2].config.path", "schedule": "schedule"}),
        (literal_placeholder_spec(), {"callable": "/nodes/1/config/callable"}),
        (literal_placeholder_spec(), {}),
    ],
)
def test_template_from_pipeline_instantiates_back_to_the_same_spec(spec, parameters):
    template = template_from_pipeline(spec, parameters)
    assert sorted(template.parameters) == sorted(parameters)
    again = instantiate(template, pipeline_id=spec.id)
    assert again.content_hash == spec.content_hash


def test_template_from_pipeline_makes_typed_parameters_with_current_defaults():
    spec = parse_spec(
        ORDERS_DAILY.read_text().replace(
            "config: {path: out.parquet}", "config: {path: out, format: parquet, partition_by: [a, b]}"
        )
    )
    template = template_from_pipeline(
        spec,
        {
            "path": "nodes[0].config.path",
            "retries": "defaults.retries",
            "parts": "nodes[2].config.partition_by",
        },
        template_id="orders_tpl",
        title="Orders",
    )
    kinds = {name: (p.type, p.items, p.default) for name, p in template.parameters.items()}
    assert kinds == {
        "path": ("string", None, "orders.csv"),
        "retries": ("integer", None, 2),
        "parts": ("list", "string", ["a", "b"]),
    }
    assert (template.id, template.title) == ("orders_tpl", "Orders")
    made = instantiate(template, {"retries": 5, "parts": ["day"]}, pipeline_id="orders_copy")
    assert made.defaults.retries == 5
    assert made.node("load").config["partition_by"] == ["day"]
    assert made.node("orders").config["path"] == "orders.csv"


def test_connection_values_become_connection_parameters():
    text = ORDERS_DAILY.read_text().replace(
        "config: {path: orders.csv}", "config: {path: s3://b/o.csv, conn_id: lake}"
    )
    template = template_from_pipeline(parse_spec(text), {"lake": "nodes[0].config.conn_id"})
    assert template.parameters["lake"].type == "connection"
    assert value_issues(template, {"lake": 3}) == {
        "parameters.lake": "expected an Airflow connection id (text), got the number 3"
    }


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (
            {"a": "nodes[9].path"},
            "'nodes[9].path': nodes has no '9' (a value left at its default cannot be a parameter)",
        ),
        ({"a": "nodes[0].config.batch_rows"}, "nodes[0].config has no 'batch_rows'"),
        ({"a": "nodes[0].config"}, "nodes[0].config is an object; choose one of its values (path)"),
        ({"a": "id"}, "the pipeline id is given when instantiating"),
        ({"a": "/id"}, "the pipeline id is given when instantiating"),
        ({"a": "nodes..path"}, "not a path; write it like nodes[0].config.table or /nodes/0/config/table"),
        ({"b": "defaults.retries", "a": "defaults.retries"}, "defaults.retries overlaps parameter 'b'"),
    ],
)
def test_template_from_pipeline_refuses_bad_paths(parameters, message):
    with pytest.raises(TemplateError) as caught:
        template_from_pipeline(load_spec_file(ORDERS_DAILY), parameters)
    issues = {issue.location: issue.message for issue in caught.value.issues}
    assert list(issues) == ["parameters.a"]
    assert message in issues["parameters.a"]
