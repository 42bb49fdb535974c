"""Every kind of bad input yields a clear issue at the right path, line and column."""

import json
from pathlib import Path

import pytest

from dag_factory.spec.errors import SpecError
from dag_factory.spec.parsing import parse_spec

VALID = (Path(__file__).resolve().parents[2] / "specs" / "orders_daily.yaml").read_text()


def issues_of(text: str, *, is_json: bool = False):
    with pytest.raises(SpecError) as caught:
        parse_spec(text, source="spec.yaml", is_json=is_json)
    return caught.value.issues


def test_valid_spec_parses_with_typed_values():
    spec = parse_spec(VALID)
    assert spec.id == "orders_daily"
    assert [n.id for n in spec.nodes] == ["orders", "big", "load"]
    assert spec.defaults.retry_delay.total_seconds() == 300
    assert spec.params == {"min_amount": 10}


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "fragment"),
    [
        ("schedule:", "shedule:", "shedule", 3, "did you mean 'schedule'"),
        ('"@daily"', '"61 * * * *"', "schedule", 3, "not a valid cron"),
        ("retry_delay: 5m", "retry_delay: 5 minutes", "defaults.retry_delay", 5, "not a duration"),
        ("retries: 2", "retries: two", "defaults.retries", 5, "valid integer"),
        ("type: source.file", "type: source.fil", "nodes[0].type", 9, "did you mean 'source.file'"),
        ("inputs: [orders]", "inputs: [ordrs]", "nodes[1].inputs[0]", 13, "did you mean 'orders'"),
        ("id: big", "id: orders", "nodes[1].id", 11, "duplicate node id 'orders'"),
        ("path: out.parquet", "path: out.dat", "nodes[2].config", 18, "cannot tell the format"),
        ("path: orders.csv", "path: 5", "nodes[0].config.path", 10, "valid string"),
        (
            "path: orders.csv",
            "path: orders.csv, delimter: ';'",
            "nodes[0].config.delimter",
            10,
            "unknown key",
        ),
        ('callable: "pkg.mod:func"', 'callable: "pkg.mod.func"', "nodes[1].config.callable", 14, "pattern"),
        ("inputs: [big]", "inputs: [big, orders]", "nodes[2].inputs", 17, "exactly 1 input, got 2"),
        ("id: orders_daily", "id: orders daily", "id", 2, "pattern"),
        ("apiVersion: aggregator/v1", "apiVersion: aggregator/v2", "apiVersion", 1, "aggregator/v1"),
    ],
)
def test_bad_input_is_reported_at_its_path_and_line(old, new, path, line, fragment):
    text = VALID.replace(old, new, 1)
    assert text != VALID
    issues = issues_of(text)
    match = [i for i in issues if i.location == path]
    assert match, [i.format() for i in issues]
    assert match[0].line == line
    assert fragment in match[0].message


def test_missing_input_and_cycle_are_reported():
    text = VALID.replace("inputs: [orders]", "inputs: [orders, load]")
    messages = [i.format() for i in issues_of(text)]
    assert any("is a sink.file node and produces no output" in m for m in messages), messages
    cycle_text = (
        VALID.replace("type: sink.file", "type: python.callable")
        .replace("config: {path: out.parquet}", 'config: {callable: "a.b:c"}')
        .replace("inputs: [orders]", "inputs: [orders, load]")
    )
    cycle = [i for i in issues_of(cycle_text) if "cycle" in i.message]
    assert len(cycle) == 1
    assert cycle[0].message == "the nodes form a cycle: big -> load -> big"


def test_source_with_inputs_breaks_arity():
    text = VALID.replace(
        "  - id: orders\n    type: source.file\n",
        "  - id: orders\n    type: source.file\n    inputs: [big]\n",
    )
    issues = issues_of(text)
    assert any(i.location == "nodes[0].inputs" and "takes no inputs" in i.message for i in issues)


def test_all_errors_of_a_file_are_reported_at_once():
    text = (
        VALID.replace("schedule:", "shedule:")
        .replace("type: source.file", "type: source.fil")
        .replace("inputs: [big]", "inputs: [bgi]")
    )
    paths = {i.location for i in issues_of(text)}
    assert {"shedule", "nodes[0].type", "nodes[2].inputs[0]"} <= paths


def test_issues_are_formatted_as_file_line_column_path_message():
    issue = issues_of(VALID.replace("schedule:", "shedule:"))[0]
    assert issue.format("spec.yaml").startswith("spec.yaml:3:1: shedule: unknown key 'shedule'")


def test_malformed_yaml_points_at_the_problem():
    issues = issues_of("apiVersion: aggregator/v1\nnodes: [\n  {id: a\n")
    assert len(issues) == 1
    assert "malformed YAML" in issues[0].message
    assert issues[0].line is not None and issues[0].line >= 3


def test_malformed_json_points_at_line_and_column():
    issues = issues_of('{"apiVersion": "aggregator/v1",\n "id": }', is_json=True)
    assert issues[0].line == 2 and issues[0].column == 8
    assert "malformed JSON" in issues[0].message


def test_json_specs_get_line_numbers_too():
    data = parse_spec(VALID)
    text = json.dumps(data.to_data(), indent=2).replace('"source.file"', '"source.fil"')
    issue = next(i for i in issues_of(text, is_json=True) if i.location == "nodes[0].type")
    assert issue.line is not None and issue.line > 1


def test_duplicate_yaml_keys_are_errors():
    issues = issues_of(VALID.replace('schedule: "@daily"', 'schedule: "@daily"\nschedule: "@hourly"'))
    assert any("duplicate key 'schedule'" in i.message and i.line == 4 for i in issues)


def test_non_mapping_document_is_refused():
    assert "mapping" in issues_of("- just\n- a list\n")[0].message


def test_empty_file_is_refused():
    assert "empty" in issues_of("")[0].message


def test_alias_bomb_is_refused_before_expansion():
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 8):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    issues = issues_of("\n".join(bomb) + "\n")
    assert "expands to more than" in issues[0].message


def test_content_hash_ignores_formatting_but_not_content():
    reformatted = VALID.replace("{retries: 2, retry_delay: 5m}", "\n  retries: 2\n  retry_delay: 300")
    assert parse_spec(reformatted).content_hash == parse_spec(VALID).content_hash
    changed = VALID.replace("retries: 2", "retries: 3")
    assert parse_spec(changed).content_hash != parse_spec(VALID).content_hash


def test_duplicate_json_keys_are_errors_at_their_line():
    text = '{\n  "apiVersion": "aggregator/v1",\n  "id": "a",\n  "id": "b",\n  "nodes": []\n}'
    issues = issues_of(text, is_json=True)
    assert any("duplicate key 'id'" in i.message and i.line == 4 for i in issues)


def test_yaml_reads_on_yes_and_off_as_text_and_only_true_false_as_booleans():
    spec = parse_spec(
        "apiVersion: aggregator/v1\nid: joined\ncatchup: true\nnodes:\n"
        "  - {id: a, type: source.file, config: {path: a.csv}}\n"
        "  - {id: b, type: source.file, config: {path: b.csv}}\n"
        "  - id: j\n    type: python.callable\n    inputs: [a, b]\n"
        "    config: {callable: 'm:f', kwargs: {on: [id], x: yes}}\n"
    )
    assert spec.catchup is True
    assert spec.nodes[2].config["kwargs"] == {"on": ["id"], "x": "yes"}


def test_catchup_on_a_schedule_needs_a_start_date():
    text = (
        "apiVersion: aggregator/v1\nid: backfilled\nschedule: '@daily'\ncatchup: true\nnodes:\n"
        "  - {id: a, type: source.file, config: {path: a.csv}}\n"
    )
    [issue] = issues_of(text)
    assert issue.location == "start_date"
    assert "catchup" in issue.message
    assert parse_spec(text.replace("catchup: true", "catchup: true\nstart_date: 2026-01-01")).catchup
