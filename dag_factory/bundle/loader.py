"""Build the DAGs of every spec in one folder of the DAG bundle.

A folder of specs has one small loader ``.py`` that calls :func:`load_pipelines`. Valid
specs become DAGs; broken ones are reported together as one import error of the loader
file (Airflow shows it under "DAG import errors"), without hiding the valid ones. When a
task starts, Airflow's parsing context names its DAG and only that spec is built.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dag_factory.spec.errors import SpecError, SpecIssue
from dag_factory.spec.parsing import SPEC_SUFFIXES, load_spec_file

BROKEN_SPECS_KEY = "__aggregator_broken_specs__"
_PARSING_CONTEXT_DAG_ID = "_AIRFLOW_PARSING_CONTEXT_DAG_ID"


def spec_files(folder: Path) -> list[Path]:
    """Spec files directly in ``folder``, sorted by name (hidden files skipped)."""
    with os.scandir(folder) as entries:
        return sorted(
            folder / entry.name
            for entry in entries
            if os.path.splitext(entry.name)[1].lower() in SPEC_SUFFIXES
            and not entry.name.startswith(".")
            and entry.is_file()
        )


def load_pipelines(loader_file: str, namespace: MutableMapping[str, Any]) -> list[Any]:
    """Compile the specs next to ``loader_file`` into ``namespace`` (the loader's globals)."""
    folder = Path(loader_file).resolve().parent
    wanted = os.environ.get(_PARSING_CONTEXT_DAG_ID)
    with _collector_paused():
        return load_spec_paths(_files_for(folder, wanted), loader_file, namespace, label=str(folder))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a folder's DAGs are built.

    Building thousands of operators allocates many long-lived objects; the collector would
    scan them again and again (5-10% of a 1,000-spec folder) without freeing any.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_spec_paths(
    paths: list[Path],
    loader_file: str,
    namespace: MutableMapping[str, Any],
    *,
    label: str,
) -> list[Any]:
    """Compile the specs at ``paths`` into ``namespace``; report broken ones as one error."""
    from dag_factory.compiler.compile import compile_pipeline

    wanted = os.environ.get(_PARSING_CONTEXT_DAG_ID)
    fileloc = str(Path(loader_file).resolve())
    errors: list[SpecError] = []
    built: dict[str, Path] = {}
    dags = []
    for path in paths:
        try:
            # At task start the dag-processor has checked the nodes already, and the node
            # checks its config again when it runs: only the structure is needed to build,
            # without node types (and so without the sinks' asset outlets).
            spec = load_spec_file(path, node_types=not wanted)
        except SpecError as error:
            errors.append(error)
            continue
        if wanted and spec.id != wanted:
            continue
        if spec.id in built:
            issue = SpecIssue(("id",), f"pipeline id '{spec.id}' is also used by {built[spec.id].name}")
            errors.append(SpecError([issue], str(path)))
            continue
        built[spec.id] = path
        dag = compile_pipeline(spec, spec_path=path, assets=not wanted)
        dag.fileloc = fileloc
        namespace[spec.id] = dag
        dags.append(dag)
    if errors and not wanted:
        namespace[BROKEN_SPECS_KEY] = broken_specs_dag(label, errors)
    return dags


def _files_for(folder: Path, wanted: str | None) -> list[Path]:
    """All spec files, or, at task start, the file named after the DAG when there is one."""
    if wanted:
        for suffix in SPEC_SUFFIXES:
            path = folder / f"{wanted}{suffix}"
            if path.is_file():
                return [path]
    return spec_files(folder)


class BrokenPipelineSpecsError(Exception):
    """Pipeline specs in a bundle folder that could not be loaded."""


def describe_broken(label: str, errors: list[SpecError]) -> str:
    """One message listing every broken spec with file:line:col and reason."""
    lines = [f"{len(errors)} pipeline spec(s) in {label} could not be loaded:"]
    for error in errors:
        name = Path(error.source).name if error.source else "?"
        for issue in error.issues:
            lines.append("  " + issue.format(name))
    return "\n".join(lines)


def broken_specs_dag(label: str, errors: list[SpecError]) -> Any:
    """A placeholder DAG whose validation fails with the broken specs' errors.

    Airflow validates each DAG before adding it to its DagBag and records a failure as an
    import error of the file, while the file's other DAGs still load. This is the way to
    report broken specs in Airflow's own UI without hiding the valid ones.
    """
    from airflow.sdk import DAG

    message = describe_broken(label, errors)

    class _BrokenSpecs(DAG):  # type: ignore[misc]
        def validate(self) -> None:
            raise BrokenPipelineSpecsError(message)

    return _BrokenSpecs(dag_id="aggregator_broken_specs", schedule=None)
