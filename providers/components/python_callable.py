"""``python.callable``: call a function over the inputs as Arrow tables (code-bearing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import ComponentConfig, ImportPath

if TYPE_CHECKING:
    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class PythonCallableConfig(ComponentConfig):
    """Settings of a ``python.callable`` node."""

    callable: ImportPath
    kwargs: dict[str, Any] = Field(
        default_factory=dict, description="Keyword arguments passed to the function."
    )


def call_function(run: NodeRun, config: PythonCallableConfig, inputs: Sequence[StagedData]) -> Any:
    """Load each input whole, call ``function(*tables, **kwargs)`` and return its result.

    The function returns a ``pyarrow.Table``, ``RecordBatchReader`` or pandas ``DataFrame``.
    """
    from dag_factory.registry.import_path import import_object

    try:
        target = import_object(config.callable)
    except ImportError as exc:
        raise ImportError(f"node '{run.node_id}': cannot import {config.callable}: {exc}") from exc
    tables = [staged.read_table() for staged in inputs]
    result = target(*tables, **config.kwargs)
    if result is None:
        raise TypeError(f"node '{run.node_id}': {config.callable} returned None; return a pyarrow.Table")
    return result


COMPONENT = ComponentType(
    name="python.callable",
    category=Category.TRANSFORM,
    title="Python function",
    description=(
        "Calls a Python function from the DAG bundle or plugins folder with the inputs as "
        "pyarrow Tables; it returns the output table. Needs the whole input in memory."
    ),
    config_model=PythonCallableConfig,
    executor="providers.components.python_callable:call_function",
    inputs=Arity(0, None),
    code_bearing=True,
    icon="code",
)
