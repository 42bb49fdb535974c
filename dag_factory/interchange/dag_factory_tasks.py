"""Convert one dag-factory task into a spec node, or say why it cannot be converted.

dag-factory ``dependencies`` only order tasks; a spec's ``inputs`` also pass data. Mapped
tasks therefore carry notes on what their function or query receives after the import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from dag_factory.interchange.dag_factory_report import MappedTask, UnmappedItem
from dag_factory.interchange.dag_factory_yaml import PythonTag, is_python_object

STRUCTURAL_KEYS = frozenset({"operator", "dependencies", "task_group_name"})
"""Keys that shape the graph; the graph import handles them."""

PYTHON_OPERATORS = frozenset({"PythonOperator"})
EMPTY_OPERATORS = frozenset({"EmptyOperator", "DummyOperator"})
BASH_OPERATORS = frozenset({"BashOperator"})
SQL_CONNECTION_KEYS = {
    "SQLExecuteQueryOperator": "conn_id",
    "PostgresOperator": "postgres_conn_id",
    "MySqlOperator": "mysql_conn_id",
    "SqliteOperator": "sqlite_conn_id",
}
# Roots under which modules of a DAG bundle or plugins folder are importable.
_IMPORT_ROOTS = ("dags", "plugins")
_SQL_COMMENT = re.compile(r"^\s*(--[^\n]*\n|/\*.*?\*/)", re.DOTALL)

PYTHON_NOTE = (
    "python.callable calls the function with the outputs of its inputs as pyarrow Tables and "
    "needs a table (or DataFrame) back; adapt the function if it takes or returns something else"
)
SQL_NOTE = (
    "the query's rows become this node's output; the outputs of its inputs are loaded first as "
    "temporary tables named after their nodes"
)
DROPPED = "dropped; tasks that depended on it depend on its upstream tasks instead"


@dataclass
class TaskConversion:
    """A task as a spec node (without ``inputs``), or ``None`` with the reasons."""

    node: dict[str, Any] | None
    mapped: MappedTask | None = None
    unmapped: list[UnmappedItem] = field(default_factory=list)


def convert_task(task_id: str, conf: dict[str, Any]) -> TaskConversion:
    """The spec node for a task of a dag-factory DAG, with what did not carry over."""
    operator = conf.get("operator")
    if not isinstance(operator, str) or not operator:
        return _dropped(task_id, "operator", f"no operator class path given; {DROPPED}")
    name = operator.rpartition(".")[2]
    if name in PYTHON_OPERATORS:
        return _python_node(task_id, operator, conf)
    if name in SQL_CONNECTION_KEYS:
        return _sql_node(task_id, operator, conf, SQL_CONNECTION_KEYS[name])
    if name in EMPTY_OPERATORS:
        return _dropped(task_id, "operator", f"{name} does no work: {DROPPED}")
    if name in BASH_OPERATORS:
        return _dropped(
            task_id,
            "operator",
            "BashOperator runs a shell command, and a spec holds no code: move the command into a "
            f"Python function in the DAG bundle and use a python.callable node; {DROPPED}",
        )
    return _dropped(task_id, "operator", f"no aggregator node type does what {operator} does; {DROPPED}")


def _dropped(task_id: str, key: str, reason: str) -> TaskConversion:
    return TaskConversion(None, unmapped=[UnmappedItem(task_id, key, reason)])


def _python_node(task_id: str, operator: str, conf: dict[str, Any]) -> TaskConversion:
    notes = [PYTHON_NOTE]
    callable_path, note, problem = _callable_path(conf)
    if callable_path is None:
        return _dropped(task_id, "python_callable", f"{problem}; {DROPPED}")
    if note:
        notes.append(note)
    config: dict[str, Any] = {"callable": callable_path}
    unmapped: list[UnmappedItem] = []
    kwargs = conf.get("op_kwargs")
    if isinstance(kwargs, dict):
        plain = {str(key): value for key, value in kwargs.items() if not is_python_object(value)}
        unmapped += [
            UnmappedItem(task_id, f"op_kwargs.{key}", "Python objects cannot be keyword arguments in a spec")
            for key in kwargs
            if str(key) not in plain
        ]
        if plain:
            config["kwargs"] = plain
    elif kwargs is not None:
        unmapped.append(UnmappedItem(task_id, "op_kwargs", "not a mapping of keyword arguments"))
    handled = {"python_callable", "python_callable_name", "python_callable_file", "op_kwargs"}
    node = _node(task_id, "python.callable", conf, config)
    unmapped += _other_keys(task_id, conf, handled, "python.callable")
    return TaskConversion(node, MappedTask(task_id, operator, "python.callable", tuple(notes)), unmapped)


def _callable_path(conf: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """``module:function`` of the task's callable, a note on how it was found, or the problem."""
    given = conf.get("python_callable")
    if isinstance(given, PythonTag):
        given = given.value
    if isinstance(given, str):
        module, _, function = given.rpartition(".")
        if not module:
            return None, None, f"python_callable '{given}' is not a dotted import path like pkg.mod.func"
        return f"{module}:{function}", None, ""
    name, file = conf.get("python_callable_name"), conf.get("python_callable_file")
    if isinstance(name, str) and isinstance(file, str) and file.endswith(".py"):
        module = _module_of_file(file)
        note = (
            f"module '{module}' was derived from python_callable_file {file}; it must be importable "
            "from the DAG bundle or plugins folder"
        )
        return f"{module}:{name}", note, ""
    return None, None, "no python_callable, nor python_callable_name with a .py python_callable_file"


def _module_of_file(file: str) -> str:
    parts = PurePosixPath(file).with_suffix("").parts
    roots = [index for index, part in enumerate(parts) if part in _IMPORT_ROOTS]
    below = parts[roots[-1] + 1 :] if roots else parts[-1:]
    return ".".join(below) or parts[-1]


def _sql_node(task_id: str, operator: str, conf: dict[str, Any], conn_key: str) -> TaskConversion:
    conn_id, sql = conf.get(conn_key), conf.get("sql")
    if not isinstance(conn_id, str) or not conn_id:
        return _dropped(task_id, conn_key, f"no connection id; sql.query needs one; {DROPPED}")
    problem = _select_problem(sql)
    if problem:
        return _dropped(task_id, "sql", f"{problem}; sql.query only runs one SELECT; {DROPPED}")
    config = {"conn_id": conn_id, "sql": str(sql).strip().rstrip(";").rstrip()}
    node = _node(task_id, "sql.query", conf, config)
    unmapped = _other_keys(task_id, conf, {conn_key, "sql"}, "sql.query")
    return TaskConversion(node, MappedTask(task_id, operator, "sql.query", (SQL_NOTE,)), unmapped)


def _select_problem(sql: Any) -> str | None:
    """Why ``sql`` is not a single SELECT, or ``None`` when it is."""
    if isinstance(sql, list):
        return "sql is a list of statements"
    if not isinstance(sql, str) or not sql.strip():
        return "no sql given"
    if sql.strip().endswith(".sql"):
        return f"sql names a file ({sql.strip()}), and a spec holds the query itself: paste its SELECT"
    text = sql.strip()
    while match := _SQL_COMMENT.match(text):
        text = text[match.end() :].lstrip()
    if ";" in text.rstrip().rstrip(";"):
        return "sql holds several statements"
    first = text.split(None, 1)[0].upper() if text else ""
    if first not in ("SELECT", "WITH"):
        return f"sql runs {first or 'nothing'}, not a SELECT whose rows could become the node's output"
    return None


def _node(task_id: str, node_type: str, conf: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"id": task_id, "type": node_type}
    if isinstance(conf.get("task_display_name"), str):
        node["name"] = conf["task_display_name"]
    doc = conf.get("doc_md", conf.get("doc"))
    if isinstance(doc, str):
        node["description"] = doc
    node["config"] = config
    return node


def _other_keys(task_id: str, conf: dict[str, Any], handled: set[str], node_type: str) -> list[UnmappedItem]:
    known = handled | STRUCTURAL_KEYS | {"task_display_name", "doc_md", "doc"}
    return [
        UnmappedItem(
            task_id,
            key,
            f"no equivalent in a {node_type} node; task settings apply to the whole pipeline (spec defaults)",
        )
        for key in conf
        if key not in known
    ]
