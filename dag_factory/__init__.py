"""Pipeline specs, the component registry and the DAG factory of airflow-aggregator.

The public entry points are imported lazily so that ``import dag_factory`` stays cheap in
DAG-parse and task processes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["PipelineSpec", "SpecError", "compile_pipeline", "load_spec_file", "parse_spec"]

if TYPE_CHECKING:
    from dag_factory.compiler.compile import compile_pipeline
    from dag_factory.spec.errors import SpecError
    from dag_factory.spec.models import PipelineSpec
    from dag_factory.spec.parsing import load_spec_file, parse_spec

_LAZY = {
    "PipelineSpec": "dag_factory.spec.models",
    "SpecError": "dag_factory.spec.errors",
    "compile_pipeline": "dag_factory.compiler.compile",
    "load_spec_file": "dag_factory.spec.parsing",
    "parse_spec": "dag_factory.spec.parsing",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
