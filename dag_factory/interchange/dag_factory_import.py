"""Import a dag-factory (astronomer/dag-factory) YAML file as pipeline specs.

Each DAG becomes one spec; what the spec cannot express is listed, never guessed at.
The import never raises on bad input: a DAG whose converted spec does not validate still
comes back as YAML text with its problems.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from dag_factory.interchange.dag_factory_graph import DependencyGraph
from dag_factory.interchange.dag_factory_report import (
    DagFactoryImport,
    ImportedDag,
    MappedTask,
    UnmappedItem,
)
from dag_factory.interchange.dag_factory_tasks import convert_task
from dag_factory.interchange.dag_factory_yaml import (
    DagConfig,
    PythonTag,
    entries_by_id,
    is_python_object,
    read_dag_configs,
)
from dag_factory.interchange.spec_documents import export_specs
from dag_factory.interchange.yaml_text import dump_yaml
from dag_factory.registry.catalog import ComponentRegistry, default_registry
from dag_factory.spec.models import API_VERSION
from dag_factory.spec.validation import validate_data

NO_EQUIVALENT = "no equivalent in an aggregator/v1 spec"
_DAG_KEYS = {"description": "description", "dag_display_name": "name", "catchup": "catchup"}
_CONVERTED_DAG_KEYS = frozenset(
    {
        *_DAG_KEYS,
        "tags",
        "max_active_runs",
        "params",
        "schedule",
        "schedule_interval",
        "default_args",
        "start_date",
        "end_date",
        "timezone",
        "tasks",
        "task_groups",
    }
)
_DEFAULTS_KEYS = ("retry_exponential_backoff", "depends_on_past", "pool", "queue")
_DURATION_KEYS = {
    "retry_delay": "retry_delay",
    "retry_delay_sec": "retry_delay",
    "max_retry_delay": "max_retry_delay",
    "execution_timeout": "execution_timeout",
}
_TIMEDELTA_UNITS = {"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}
_DATETIME_TYPES = ("datetime.datetime", "datetime.date", "pendulum.datetime")


def import_dag_factory(text: str, *, registry: ComponentRegistry | None = None) -> DagFactoryImport:
    """Convert every DAG of a dag-factory YAML file into a spec, reporting what did not map."""
    configs, issues = read_dag_configs(text)
    registry = registry or default_registry()
    return DagFactoryImport(tuple(_import_dag(config, registry) for config in configs), tuple(issues))


def _import_dag(dag: DagConfig, registry: ComponentRegistry) -> ImportedDag:
    converter = _DagConverter(dag)
    data = converter.spec_data()
    spec, problems = validate_data(data, registry)
    text = export_specs(spec, "yaml") if spec is not None else dump_yaml(_plain(data))
    return ImportedDag(
        dag.dag_id, spec, text, tuple(converter.mapped), tuple(converter.unmapped), tuple(problems)
    )


class _DagConverter:
    """Builds spec data for one DAG and collects what could not be carried over."""

    def __init__(self, dag: DagConfig) -> None:
        self.dag = dag
        self.mapped: list[MappedTask] = []
        self.unmapped: list[UnmappedItem] = []

    def spec_data(self) -> dict[str, Any]:
        config = self.dag.config
        data: dict[str, Any] = {"apiVersion": API_VERSION, "id": self.dag.dag_id}
        for key, target in _DAG_KEYS.items():
            if key in config:
                data[target] = config[key]
        self._settings(data, config)
        self._schedule(data, config)
        self._default_args(data, config.get("default_args"))
        for key in ("start_date", "end_date"):
            if key in config:
                self._date(data, key, config[key], key)
        self._timezone(config.get("timezone"), "timezone")
        for key in config:
            if key not in _CONVERTED_DAG_KEYS:
                self._report(None, key, NO_EQUIVALENT)
        data["nodes"] = self._nodes()
        return data

    def _report(self, task_id: str | None, key: str, reason: str) -> None:
        self.unmapped.append(UnmappedItem(task_id, key, reason))

    def _settings(self, data: dict[str, Any], config: dict[str, Any]) -> None:
        if "tags" in config:
            tags = config["tags"]
            if isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
                data["tags"] = tags
            else:
                self._report(None, "tags", "not a list of text tags")
        if "max_active_runs" in config:
            data["max_active_runs"] = config["max_active_runs"]
        params = config.get("params")
        if isinstance(params, dict):
            kept = {k: v for k, v in params.items() if not is_python_object(v)}
            for key in [k for k in params if k not in kept]:
                self._report(
                    None, f"params.{key}", "Python objects (such as Param) cannot be params; give a value"
                )
            if kept:
                data["params"] = kept
        elif params is not None:
            self._report(None, "params", "not a mapping of parameter names to values")

    def _schedule(self, data: dict[str, Any], config: dict[str, Any]) -> None:
        key = "schedule" if "schedule" in config else "schedule_interval"
        if "schedule" in config and "schedule_interval" in config:
            self._report(None, "schedule_interval", "ignored: schedule is also given and wins")
        if key not in config:
            return
        value = config[key]
        if value is None or (isinstance(value, str) and value.strip().lower() == "none"):
            data["schedule"] = None
        elif isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            data["schedule"] = value
        else:
            self._report(
                None,
                key,
                "timetables, timedeltas and asset conditions have no equivalent; a spec's schedule is a "
                "cron expression, a preset, or a list of assets that must all be updated",
            )

    def _default_args(self, data: dict[str, Any], args: Any) -> None:
        if args is None:
            return
        if not isinstance(args, dict):
            self._report(None, "default_args", "not a mapping")
            return
        defaults: dict[str, Any] = {}
        for key, value in args.items():
            where = f"default_args.{key}"
            if key == "owner":
                data["owner"] = value
            elif key == "retries":
                defaults["retries"] = value
            elif key in _DEFAULTS_KEYS:
                defaults[key] = value
            elif key in _DURATION_KEYS:
                seconds = _seconds(value)
                if seconds is None:
                    self._report(None, where, "not a number of seconds or a datetime.timedelta")
                else:
                    defaults[_DURATION_KEYS[key]] = seconds
            elif key in ("start_date", "end_date"):
                # The DAG's own date, applied after this, wins as in dag-factory.
                self._date(data, key, value, where)
            elif key == "catchup":
                data.setdefault("catchup", value)
            elif key == "timezone":
                self._timezone(value, where)
            else:
                self._report(
                    None,
                    where,
                    f"{NO_EQUIVALENT} (task defaults: retries, retry_delay, "
                    "retry_exponential_backoff, max_retry_delay, execution_timeout, "
                    "depends_on_past, pool, queue)",
                )
        if defaults:
            data["defaults"] = defaults

    def _date(self, data: dict[str, Any], key: str, value: Any, where: str) -> None:
        parsed = _as_date(value)
        if parsed is None:
            self._report(None, where, "not a date: write it as 2025-01-01 or 2025-01-01T06:00:00+00:00")
        else:
            data[key] = parsed

    def _timezone(self, value: Any, where: str) -> None:
        if value is not None and str(value).upper() != "UTC":
            self._report(
                None, where, "dates in a spec are UTC unless they carry an offset; add the offset to them"
            )

    def _nodes(self) -> list[dict[str, Any]]:
        config = self.dag.config
        tasks, task_problems = entries_by_id(config.get("tasks"), "task_id")
        groups, group_problems = entries_by_id(config.get("task_groups"), "group_name")
        for problem in task_problems:
            self._report(None, "tasks", problem)
        for problem in group_problems:
            self._report(None, "task_groups", problem)
        graph = DependencyGraph(tasks, groups)
        nodes = {}
        for task_id, task in tasks.items():
            conversion = convert_task(task_id, task)
            self.unmapped += conversion.unmapped
            if conversion.node is not None and conversion.mapped is not None:
                nodes[task_id] = conversion.node
                self.mapped.append(conversion.mapped)
        self.unmapped += graph.unmapped
        for group, group_conf in groups.items():
            members = graph.members(group)
            extra = sorted(set(group_conf) - {"dependencies", "parent_group_name"})
            lost = f"; not kept: {', '.join(extra)}" if extra else ""
            kept = ", ".join(members) or "none"
            self._report(
                None,
                f"task_groups.{group}",
                f"flattened: its tasks ({kept}) keep their ids and dependencies{lost}",
            )
        for task_id, node in nodes.items():
            inputs = graph.inputs(task_id, set(nodes))
            if inputs:
                node = {**node, "inputs": inputs}
                # Keep the spec's key order: inputs before config.
                node["config"] = node.pop("config")
                nodes[task_id] = node
        return list(nodes.values())


def _plain(value: Any) -> Any:
    """``value`` with what YAML cannot write (Python tags, other objects) as text, for fixing by hand."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, PythonTag):
        return f"{value.tag}:{value.value}"
    if value is None or isinstance(value, str | int | float | date):
        return value
    return str(value)


def _seconds(value: Any) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value >= 0:
        return value
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, dict) and value.get("__type__") == "datetime.timedelta":
        amounts = {k: v for k, v in value.items() if k != "__type__"}
        if set(amounts) <= _TIMEDELTA_UNITS.keys() and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in amounts.values()
        ):
            return sum(amount * _TIMEDELTA_UNITS[unit] for unit, amount in amounts.items())
    return None


def _as_date(value: Any) -> date | datetime | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for parse in (date.fromisoformat, datetime.fromisoformat):
            try:
                return parse(value.strip())
            except ValueError:
                continue
        return None
    if isinstance(value, dict) and value.get("__type__") in _DATETIME_TYPES:
        parts = {k: v for k, v in value.items() if k != "__type__"}
        try:
            moment = datetime(**parts)
        except (TypeError, ValueError, OverflowError):
            return None
        return moment.date() if value["__type__"] == "datetime.date" else moment
    return None
