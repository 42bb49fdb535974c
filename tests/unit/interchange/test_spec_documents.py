"""Specs exported as JSON or YAML, one or a set, read back to the same content."""

import json
from datetime import UTC, date, datetime

import pytest
import yaml

from dag_factory.interchange import export_specs, import_specs
from dag_factory.spec.errors import SpecError
from dag_factory.spec.models import PipelineSpec

TRICKY_STRINGS = [
    "on", "off", "yes", "no", "y", "n", "Yes", "OFF", "true", "False", "null", "~", "",
    "0123", "0x1F", "1_000", "12:30", "1e3", ".5", "+1", ".inf", "NaN", "2026-01-01",
    "2026-01-01T06:00:00Z", "<<", "=", "- item", "# not a comment", "key: value", "[a]", "{a: 1}",
    "!tag", "&anchor", "*alias", "%directive", "@at", "`tick", "|", ">", "--- x", "...",
    " leading", "trailing ", "   ", "tab\there", "line one\nline two", "ends with newline\n",
    "\n", "\n\n", " indented first\nsecond", "trailing spaces  \nnext", "many\n\n\n",
    "a\r\nb", "nel\x85x", "line\u2028sep", "para\u2029sep", "\ufeffbom", "nul\x00", "del\x7f",
    "é ü 中文 \U0001f600", "x\n---\ny", "x\n...\ny", "{{ params.min_amount }}", "%(name)s",
    "a" * 300, "word " * 40 + "\nend",
]  # fmt: skip


def spec(pipeline_id: str = "orders_daily", **changes) -> PipelineSpec:
    data = {
        "apiVersion": "aggregator/v1",
        "id": pipeline_id,
        "schedule": "@daily",
        "start_date": "2026-01-01",
        "defaults": {"retries": 2, "retry_delay": "5m"},
        "params": {"min_amount": 10},
        "nodes": [
            {"id": "orders", "type": "source.file", "config": {"path": "orders.csv"}},
            {
                "id": "big",
                "type": "python.callable",
                "inputs": ["orders"],
                "config": {"callable": "pkg.mod:func"},
            },
            {"id": "load", "type": "sink.file", "inputs": ["big"], "config": {"path": "out.parquet"}},
        ],
    }
    data.update(changes)
    return PipelineSpec.model_validate(data)


def tricky_spec() -> PipelineSpec:
    return spec(
        "tricky.strings-1",
        name="on",
        description="Line one\nline two: yes\n  indented\n",
        owner="0123",
        tags=["yes", "no", "2026-01-01", "null", "é"],
        schedule=["on", "0123", "s3://bucket/orders"],
        start_date=datetime(2026, 1, 1, 6, 30, tzinfo=UTC),
        end_date=date(2027, 12, 31),
        catchup=True,
        fuse=False,
        max_active_runs=3,
        defaults={"retries": 1, "execution_timeout": 3600, "pool": "yes", "queue": "on"},
        params={
            "strings": TRICKY_STRINGS,
            "by_key": {value: value for value in TRICKY_STRINGS},
            "numbers": [0, -1, 1.5, 1e-9, 10**20, True, False, None],
            "nested": {"list": [[], {}, [{"on": "off"}]]},
        },
    )


SPECS = {
    "plain": spec(),
    "tricky": tricky_spec(),
    "no_schedule": spec("manual", schedule=None, start_date="2026-01-01T00:00:00+02:00"),
    "with_layout": spec(
        "layout",
        nodes=[
            {
                "id": "orders",
                "type": "source.file",
                "name": "yes",
                "description": "multi\nline",
                "config": {"path": "data/{{ ds }}.csv"},
                "ui": {"position": {"x": 10.5, "y": -3}},
            },
            {"id": "load", "type": "sink.file", "inputs": ["orders"], "config": {"path": "out.csv"}},
        ],
    ),
}


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("name", sorted(SPECS))
def test_single_spec_round_trip_keeps_content_and_text(name, fmt):
    original = SPECS[name]
    text = export_specs(original, fmt)
    [back] = import_specs(text, fmt)
    assert back.content_hash == original.content_hash
    assert back.to_data() == original.to_data()
    assert list(back.to_data()) == list(original.to_data())
    assert export_specs(back, fmt) == text


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_set_round_trip_keeps_every_spec_in_order(fmt):
    originals = [SPECS[name] for name in sorted(SPECS)]
    text = export_specs(originals, fmt)
    back = import_specs(text, fmt)
    assert [s.content_hash for s in back] == [s.content_hash for s in originals]
    assert export_specs(back, fmt) == text


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_format_is_detected_when_not_given(fmt):
    text = export_specs([SPECS["tricky"]], fmt)
    assert [s.content_hash for s in import_specs(text)] == [SPECS["tricky"].content_hash]


def test_yaml_export_reads_back_identically_string_by_string():
    text = export_specs(SPECS["tricky"], "yaml")
    [back] = import_specs(text, "yaml")
    assert back.params["strings"] == TRICKY_STRINGS
    assert back.params["by_key"] == {value: value for value in TRICKY_STRINGS}
    assert back.name == "on"
    assert back.schedule == ["on", "0123", "s3://bucket/orders"]


def test_yaml_export_reads_the_same_in_a_yaml_1_1_reader():
    # Other tools (and dag-factory) read YAML 1.1, where on/yes are booleans.
    text = export_specs(SPECS["tricky"], "yaml")
    assert yaml.safe_load(text) == SPECS["tricky"].to_data()


def test_yaml_export_writes_multi_line_text_as_a_block():
    text = export_specs(SPECS["tricky"], "yaml")
    assert "description: |\n  Line one\n  line two: yes\n    indented\n" in text


def test_export_keeps_the_spec_key_order():
    data = json.loads(export_specs(SPECS["plain"], "json"))
    assert list(data) == ["apiVersion", "id", "schedule", "start_date", "defaults", "params", "nodes"]
    assert list(data["nodes"][1]) == ["id", "type", "inputs", "config"]


def test_a_list_of_specs_is_read_as_a_set():
    text = json.dumps([SPECS["plain"].to_data(), SPECS["with_layout"].to_data()])
    assert [s.id for s in import_specs(text)] == ["orders_daily", "layout"]


def test_set_and_single_are_told_apart_by_shape():
    assert export_specs(SPECS["plain"], "json").lstrip().startswith('{\n  "apiVersion"')
    assert json.loads(export_specs([SPECS["plain"]], "json")) == {"pipelines": [SPECS["plain"].to_data()]}
    assert import_specs(export_specs([], "yaml")) == []


def issues_of(text, fmt=None):
    with pytest.raises(SpecError) as caught:
        import_specs(text, fmt, source="set.yaml")
    return [(issue.location, issue.line, issue.message) for issue in caught.value.issues]


def bad_set(node_type: str = "source.fil", second_id: str = "other") -> str:
    return export_specs([spec(), spec(second_id)], "yaml").replace("type: sink.file", f"type: {node_type}", 2)


@pytest.mark.parametrize(
    ("text", "fmt", "location", "fragment"),
    [
        (bad_set(), "yaml", "pipelines[0].nodes[2].type", "unknown node type 'source.fil'"),
        (bad_set(), "yaml", "pipelines[1].nodes[2].type", "did you mean 'source.file'"),
        (
            export_specs([spec(), spec()], "yaml"),
            "yaml",
            "pipelines[1].id",
            "duplicate pipeline id 'orders_daily' (first used by pipelines[0])",
        ),
        (
            json.dumps([spec().to_data(), {**spec("b").to_data(), "nodez": []}]),
            "json",
            "[1].nodez",
            "unknown key 'nodez'",
        ),
        ('{"pipelines": {"a": 1}}', "json", "pipelines", "'pipelines' must be a list of specs, not a dict"),
        ("pipelines: []\nextra: 1\n", "yaml", "extra", "a set of pipelines holds only 'pipelines'"),
        ("pipelines: [5]\n", "yaml", "pipelines[0]", "must be a mapping of keys, not a int"),
        ('{"id": ', "json", "<spec>", "malformed JSON"),
        ("a: [1\n", "yaml", "<spec>", "malformed YAML"),
        ("a: 1\na: 2\n", "yaml", "a", "duplicate key 'a'"),
    ],
)
def test_bad_documents_name_the_pipeline_and_path(text, fmt, location, fragment):
    issues = issues_of(text, fmt)
    matching = [message for where, _, message in issues if where == location]
    assert any(fragment in message for message in matching), issues


def test_issues_in_a_set_carry_the_line_of_the_bad_value():
    text = bad_set()
    issues = issues_of(text, "yaml")
    lines = text.splitlines()
    for location, line, _ in issues:
        assert location.endswith(".type")
        assert "source.fil" in lines[line - 1]


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown export format 'xml'; use 'json' or 'yaml'"):
        export_specs(SPECS["plain"], "xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown import format 'toml'"):
        import_specs("{}", "toml")  # type: ignore[arg-type]
