"""Render the Jinja templates in a node's config outside a task, as Airflow renders them in one."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any


class ConfigTemplateError(ValueError):
    """A template in a node's config does not render; the message names the node and the field."""


def template_context(
    dag_id: str, run_id: str, params: Mapping[str, Any], now: datetime.datetime
) -> dict[str, Any]:
    """The variables a preview offers templates: a subset of an Airflow task's context.

    ``now`` stands for the logical date: ``ds``, ``ds_nodash``, ``ts``, ``logical_date``.
    ``macros`` are Airflow's (``macros.ds_add(ds, -1)``).
    """
    from airflow.sdk.execution_time import macros

    return {
        "dag_id": dag_id,
        "run_id": run_id,
        "params": dict(params),
        "logical_date": now,
        "ds": now.date().isoformat(),
        "ds_nodash": now.strftime("%Y%m%d"),
        "ts": now.isoformat(),
        "ts_nodash": now.strftime("%Y%m%dT%H%M%S"),
        "macros": macros,
    }


def render_config(config: Mapping[str, Any], context: Mapping[str, Any], node_id: str) -> dict[str, Any]:
    """``config`` with every string value rendered as a Jinja template, nested values included.

    Like an operator's ``template_fields``: strings render to strings, and an undefined
    variable is an error (Airflow's ``StrictUndefined``). Templates run sandboxed.
    """
    from jinja2 import StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=True)

    def render(value: Any, path: str) -> Any:
        if isinstance(value, str):
            if "{{" not in value and "{%" not in value:
                return value
            try:
                return environment.from_string(value).render(**context)
            except TemplateError as error:
                raise ConfigTemplateError(f"node '{node_id}', {path}: template error: {error}") from None
        if isinstance(value, Mapping):
            return {key: render(item, f"{path}.{key}") for key, item in value.items()}
        if isinstance(value, list):
            return [render(item, f"{path}[{index}]") for index, item in enumerate(value)]
        return value

    return {key: render(value, f"config.{key}") for key, value in config.items()}
