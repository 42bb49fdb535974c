"""dag-factory YAML converted to specs: what maps, what is bridged, what is reported."""

import textwrap

import pytest

from dag_factory.interchange import import_dag_factory, import_specs

PY3 = "airflow.providers.standard.operators.python.PythonOperator"
PY2 = "airflow.operators.python.PythonOperator"
EMPTY = "airflow.providers.standard.operators.empty.EmptyOperator"
BASH = "airflow.providers.standard.operators.bash.BashOperator"
SQL = "airflow.providers.common.sql.operators.sql.SQLExecuteQueryOperator"


def task(task_id, operator=PY3, deps=(), **args):
    """One task in dict form (as YAML lines under ``tasks:``)."""
    body = {"operator": operator, **args}
    if deps:
        body["dependencies"] = list(deps)
    lines = [f"    {task_id}:"] + [f"      {key}: {value!r}" for key, value in body.items()]
    return "\n".join(lines).replace("'", '"')


def dag(*tasks, header="", dag_id="etl"):
    return f"{dag_id}:\n  start_date: 2025-01-01\n{header}  tasks:\n" + "\n".join(tasks) + "\n"


def nodes_of(imported):
    return [(n["id"], n["type"], n.get("inputs", []), n["config"]) for n in imported.spec.to_data()["nodes"]]


def unmapped_of(imported):
    return [(item.task_id, item.field, item.reason) for item in imported.unmapped]


CALL = {"python_callable": "pkg.jobs.run"}

GRAPH_CASES = {
    "python callable from name and file": (
        dag(
            task(
                "extract",
                python_callable_name="extract",
                python_callable_file="/opt/airflow/dags/etl/jobs.py",
            )
        ),
        [("extract", "python.callable", [], {"callable": "etl.jobs:extract"})],
    ),
    "python callable as a dotted path, Airflow 2 path": (
        dag(task("run", PY2, python_callable="pkg.jobs.run", op_kwargs={"day": "{{ ds }}"})),
        [("run", "python.callable", [], {"callable": "pkg.jobs:run", "kwargs": {"day": "{{ ds }}"}})],
    ),
    "dependencies become inputs": (
        dag(task("a", **CALL), task("b", deps=["a"], **CALL), task("c", deps=["a", "b"], **CALL)),
        [
            ("a", "python.callable", [], {"callable": "pkg.jobs:run"}),
            ("b", "python.callable", ["a"], {"callable": "pkg.jobs:run"}),
            ("c", "python.callable", ["a", "b"], {"callable": "pkg.jobs:run"}),
        ],
    ),
    "empty operator is bridged": (
        dag(
            task("a", **CALL),
            task("b", **CALL),
            task("join", EMPTY, deps=["a", "b"]),
            task("c", deps=["join"], **CALL),
        ),
        [
            ("a", "python.callable", [], {"callable": "pkg.jobs:run"}),
            ("b", "python.callable", [], {"callable": "pkg.jobs:run"}),
            ("c", "python.callable", ["a", "b"], {"callable": "pkg.jobs:run"}),
        ],
    ),
    "bash operator in a chain is bridged": (
        dag(
            task("a", **CALL),
            task("sh", BASH, deps=["a"], bash_command="echo 1"),
            task("c", deps=["sh"], **CALL),
        ),
        [
            ("a", "python.callable", [], {"callable": "pkg.jobs:run"}),
            ("c", "python.callable", ["a"], {"callable": "pkg.jobs:run"}),
        ],
    ),
    "select query maps to sql.query": (
        dag(task("a", **CALL), task("q", SQL, deps=["a"], conn_id="pg", sql="SELECT * FROM a;")),
        [
            ("a", "python.callable", [], {"callable": "pkg.jobs:run"}),
            ("q", "sql.query", ["a"], {"conn_id": "pg", "sql": "SELECT * FROM a"}),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(GRAPH_CASES))
def test_tasks_become_nodes(name):
    text, expected = GRAPH_CASES[name]
    [imported] = import_dag_factory(text)
    assert imported.problems == ()
    assert nodes_of(imported) == expected


def test_tasks_as_a_list_convert_like_tasks_as_a_mapping():
    as_list = textwrap.dedent(
        f"""\
        etl:
          start_date: 2025-01-01
          tasks:
            - task_id: a
              operator: {PY3}
              python_callable: pkg.jobs.run
            - task_id: b
              operator: {PY3}
              python_callable: pkg.jobs.run
              dependencies: [a]
        """
    )
    as_dict = dag(task("a", **CALL), task("b", deps=["a"], **CALL))
    [from_list], [from_dict] = import_dag_factory(as_list), import_dag_factory(as_dict)
    assert from_list.spec.to_data() == from_dict.spec.to_data()


REPORT_CASES = {
    "bash operator": (
        task("sh", BASH, bash_command="echo 1"),
        ("sh", "operator", "BashOperator runs a shell command"),
    ),
    "empty operator": (task("noop", EMPTY), ("noop", "operator", "EmptyOperator does no work: dropped")),
    "dummy operator": (
        task("noop", "airflow.operators.dummy.DummyOperator"),
        ("noop", "operator", "DummyOperator does no work"),
    ),
    "unknown operator": (
        task("mail", "airflow.providers.smtp.operators.smtp.EmailOperator", to="a@b.c"),
        (
            "mail",
            "operator",
            "no aggregator node type does what airflow.providers.smtp.operators.smtp.EmailOperator",
        ),
    ),
    "missing operator": (task("x", ""), ("x", "operator", "no operator class path given")),
    "task-level setting": (
        task("run", retries=3, **CALL),
        ("run", "retries", "no equivalent in a python.callable node"),
    ),
    "positional args": (task("run", op_args=[1], **CALL), ("run", "op_args", "no equivalent")),
    "callable without a module": (
        task("run", python_callable="run"),
        ("run", "python_callable", "'run' is not a dotted import path"),
    ),
    "no callable": (task("run"), ("run", "python_callable", "no python_callable")),
    "DDL statement": (
        task("ddl", SQL, conn_id="pg", sql="CREATE TABLE t (a int)"),
        ("ddl", "sql", "sql runs CREATE, not a SELECT"),
    ),
    "several statements": (
        task("q", SQL, conn_id="pg", sql="SELECT 1; SELECT 2"),
        ("q", "sql", "sql holds several statements"),
    ),
    "sql file": (task("q", SQL, conn_id="pg", sql="queries/daily.sql"), ("q", "sql", "sql names a file")),
    "sql without connection": (task("q", SQL, sql="SELECT 1"), ("q", "conn_id", "no connection id")),
    "sql parameters": (
        task("q", SQL, conn_id="pg", sql="SELECT 1", parameters={"a": 1}),
        ("q", "parameters", "no equivalent in a sql.query node"),
    ),
    "unknown dependency": (
        task("run", deps=["nope"], **CALL),
        ("run", "dependencies", "unknown task or task group 'nope'"),
    ),
}


@pytest.mark.parametrize("name", sorted(REPORT_CASES))
def test_what_cannot_be_mapped_is_reported_with_task_field_and_reason(name):
    extra, (task_id, field, fragment) = REPORT_CASES[name]
    [imported] = import_dag_factory(dag(task("keep", **CALL), extra))
    found = [reason for t, f, reason in unmapped_of(imported) if (t, f) == (task_id, field)]
    assert found, unmapped_of(imported)
    assert fragment in found[0]
    assert [m.task_id for m in imported.mapped] == ["keep"] + (
        [task_id]
        if name in ("task-level setting", "positional args", "sql parameters", "unknown dependency")
        else []
    )


DAG_SETTING_CASES = {
    "schedule_interval is read as schedule": ("  schedule_interval: '0 3 * * *'\n", "schedule", "0 3 * * *"),
    "schedule wins over schedule_interval": (
        "  schedule: '@hourly'\n  schedule_interval: '@daily'\n",
        "schedule",
        "@hourly",
    ),
    "schedule none": ("  schedule: None\n", "schedule", None),
    "asset list": ("  schedule: [orders, 's3://b/k']\n", "schedule", ["orders", "s3://b/k"]),
    "description and tags": ("  description: nightly\n  tags: [a, b]\n", "tags", ["a", "b"]),
    "owner from default_args": ("  default_args:\n    owner: team\n", "owner", "team"),
    "retries and delay": (
        "  default_args:\n    retries: 2\n    retry_delay: {__type__: datetime.timedelta, minutes: 5}\n",
        "defaults",
        {"retries": 2, "retry_delay": "5m"},
    ),
    "legacy retry_delay_sec": (
        "  default_args:\n    retry_delay_sec: 90\n",
        "defaults",
        {"retry_delay": "1m30s"},
    ),
    "dag start date wins over default_args": (
        "  default_args:\n    start_date: {__type__: datetime.datetime, year: 2024, month: 2, day: 3}\n",
        "start_date",
        "2025-01-01",
    ),
    "catchup": ("  catchup: yes\n", "catchup", True),
    "params": ("  params: {limit: 10}\n", "params", {"limit": 10}),
}


@pytest.mark.parametrize("name", sorted(DAG_SETTING_CASES))
def test_dag_settings_map_to_spec_keys(name):
    header, key, value = DAG_SETTING_CASES[name]
    [imported] = import_dag_factory(dag(task("a", **CALL), header=header))
    assert imported.spec is not None, imported.problems
    assert imported.spec.to_data().get(key) == value


def test_a_typed_datetime_in_default_args_becomes_the_start_date():
    typed = "{__type__: datetime.datetime, year: 2024, month: 2, day: 3, hour: 6}"
    header = f"  default_args:\n    start_date: {typed}\n"
    text = f"etl:\n{header}  tasks:\n{task('a', **CALL)}\n"
    [imported] = import_dag_factory(text)
    assert imported.spec.to_data()["start_date"] == "2024-02-03T06:00:00"


DAG_REPORT_CASES = {
    "unknown dag key": (
        "  render_template_as_native_obj: true\n",
        "render_template_as_native_obj",
        "no equivalent",
    ),
    "unknown default arg": (
        "  default_args:\n    email: a@b.c\n",
        "default_args.email",
        "task defaults: retries",
    ),
    "timetable": (
        "  schedule:\n    __type__: airflow.timetables.trigger.CronTriggerTimetable\n    cron: '0 1 * * *'\n",
        "schedule",
        "timetables, timedeltas and asset conditions have no equivalent",
    ),
    "timezone": ("  timezone: Europe/Berlin\n", "timezone", "dates in a spec are UTC"),
    "relative date": ("  end_date: 3 days\n", "end_date", "not a date"),
    "param object": (
        "  params:\n    n:\n      __type__: airflow.sdk.Param\n      default: 1\n",
        "params.n",
        "Python objects (such as Param) cannot be params",
    ),
    "schedule_interval beside schedule": (
        "  schedule: '@daily'\n  schedule_interval: '@hourly'\n",
        "schedule_interval",
        "ignored: schedule is also given",
    ),
}


@pytest.mark.parametrize("name", sorted(DAG_REPORT_CASES))
def test_dag_settings_without_equivalent_are_reported(name):
    header, field, fragment = DAG_REPORT_CASES[name]
    [imported] = import_dag_factory(dag(task("a", **CALL), header=header))
    found = [reason for t, f, reason in unmapped_of(imported) if (t, f) == (None, field)]
    assert found, unmapped_of(imported)
    assert fragment in found[0]


def test_task_groups_are_flattened_with_airflow_wiring():
    text = textwrap.dedent(
        f"""\
        etl:
          start_date: 2025-01-01
          task_groups:
            - group_name: transform
              tooltip: the middle
              dependencies: [extract]
          tasks:
            - {{task_id: extract, operator: {PY3}, python_callable: p.m.f}}
            - {{task_id: clean, operator: {PY3}, python_callable: p.m.f, task_group_name: transform}}
            - {{task_id: enrich, operator: {PY3}, python_callable: p.m.f, task_group_name: transform,
                dependencies: [clean]}}
            - {{task_id: load, operator: {PY3}, python_callable: p.m.f, dependencies: [transform]}}
        """
    )
    [imported] = import_dag_factory(text)
    inputs = {node_id: node_inputs for node_id, _, node_inputs, _ in nodes_of(imported)}
    assert inputs == {"extract": [], "clean": ["extract"], "enrich": ["clean"], "load": ["enrich"]}
    assert unmapped_of(imported) == [
        (
            None,
            "task_groups.transform",
            "flattened: its tasks (clean, enrich) keep their ids and dependencies; not kept: tooltip",
        ),
    ]


def test_default_block_applies_to_every_dag_and_each_dag_overrides_it():
    text = (
        "default:\n  default_args: {owner: shared, retries: 1}\n  schedule: '@daily'\n"
        + dag(task("a", **CALL), dag_id="one")
        + dag(
            task("a", **CALL), header="  schedule: '@hourly'\n  default_args: {owner: mine}\n", dag_id="two"
        )
    )
    one, two = import_dag_factory(text)
    assert (one.dag_id, one.spec.owner, one.spec.schedule, one.spec.defaults.retries) == (
        "one",
        "shared",
        "@daily",
        1,
    )
    assert (two.dag_id, two.spec.owner, two.spec.schedule, two.spec.defaults.retries) == (
        "two",
        "mine",
        "@hourly",
        1,
    )


def test_python_name_tag_is_read_as_an_import_path_without_importing():
    text = dag(task("a")).replace(
        f'operator: "{PY3}"', f"operator: {PY3}\n      python_callable: !!python/name:nope.mod.fn"
    )
    [imported] = import_dag_factory(text)
    assert nodes_of(imported)[0][3] == {"callable": "nope.mod:fn"}


def test_mapped_tasks_carry_notes_on_changed_behaviour():
    text = dag(
        task("a", python_callable_name="f", python_callable_file="/somewhere/else/jobs.py"),
        task("q", SQL, deps=["a"], conn_id="pg", sql="-- daily\nWITH x AS (SELECT 1) SELECT * FROM x"),
    )
    [imported] = import_dag_factory(text)
    python, sql = imported.mapped
    assert python.node_type == "python.callable" and python.operator == PY3
    assert any("as pyarrow Tables" in note for note in python.notes)
    assert any("module 'jobs' was derived from python_callable_file" in note for note in python.notes)
    assert sql.node_type == "sql.query" and "temporary tables" in sql.notes[0]


def test_a_dag_that_does_not_validate_still_returns_its_text_and_problems():
    [imported] = import_dag_factory(dag(task("sh", BASH, bash_command="echo 1"), dag_id="bad id"))
    assert imported.spec is None
    locations = {issue.location: issue.message for issue in imported.problems}
    assert "pattern" in locations["id"]
    assert "at least 1" in locations["nodes"]
    assert "id: bad id" in imported.spec_text and "nodes: []" in imported.spec_text


def test_the_text_of_a_valid_import_reads_back_as_the_same_spec():
    [imported] = import_dag_factory(
        dag(task("a", **CALL), task("b", deps=["a"], **CALL), header="  tags: ['on']\n")
    )
    [back] = import_specs(imported.spec_text, "yaml")
    assert back.content_hash == imported.spec.content_hash


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("etl: [1\n", "malformed YAML"),
        ("- a\n- b\n", "a dag-factory file is a mapping of DAG ids, not a list"),
        ("a: &a [*a, *a]\n", "expands to more than"),
        ("etl: 5\n", "a DAG's configuration must be a mapping"),
        ("", "the file is empty"),
    ],
)
def test_unusable_files_are_reported_not_raised(text, fragment):
    result = import_dag_factory(text)
    assert any(fragment in issue.message for issue in result.issues), result.issues


def test_bad_tasks_entries_are_reported():
    text = "etl:\n  start_date: 2025-01-01\n  tasks:\n    - {operator: x}\n    - 5\n"
    [imported] = import_dag_factory(text)
    reasons = [reason for _, field, reason in unmapped_of(imported) if field == "tasks"]
    assert reasons == ["entry 0 is not a mapping with 'task_id'", "entry 1 is not a mapping with 'task_id'"]


def test_python_objects_are_reported_and_left_out_of_the_spec():
    text = textwrap.dedent(
        f"""\
        etl:
          description: !!python/name:docs.build
          tasks:
            run:
              operator: {PY3}
              python_callable: pkg.jobs.run
              op_kwargs:
                fn: !!python/name:os.getcwd
                when: {{__type__: datetime.timedelta, days: 1}}
                limit: 5
        """
    )
    [imported] = import_dag_factory(text)
    assert unmapped_of(imported) == [
        ("run", "op_kwargs.fn", "Python objects cannot be keyword arguments in a spec"),
        ("run", "op_kwargs.when", "Python objects cannot be keyword arguments in a spec"),
    ]
    assert [issue.format() for issue in imported.problems] == ["description: Input should be a valid string"]
    assert "description: '!!python/name:docs.build'" in imported.spec_text
    assert "kwargs:\n      limit: 5\n" in imported.spec_text
