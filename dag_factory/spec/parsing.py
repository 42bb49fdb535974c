"""Read a spec from text or a file into a validated :class:`PipelineSpec`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from dag_factory.registry.catalog import ComponentRegistry, default_registry
from dag_factory.spec.errors import SpecError, SpecIssue
from dag_factory.spec.models import PipelineSpec
from dag_factory.spec.source_map import read_document
from dag_factory.spec.validation import validate_data

SPEC_SUFFIXES = (".json", ".yaml", ".yml")

SpecCheck = Callable[[PipelineSpec], list[SpecIssue]]
"""An extra check run on a spec that passed validation (e.g. connections exist)."""


def parse_spec(
    text: str,
    *,
    source: str | None = None,
    is_json: bool = False,
    registry: ComponentRegistry | None = None,
) -> PipelineSpec:
    """Parse and validate spec text; raise :class:`SpecError` listing every problem."""
    return parse_spec_with_data(text, source=source, is_json=is_json, registry=registry)[0]


def parse_spec_with_data(
    text: str,
    *,
    source: str | None = None,
    is_json: bool = False,
    registry: ComponentRegistry | None = None,
    checks: Sequence[SpecCheck] = (),
    node_types: bool = True,
) -> tuple[PipelineSpec, Any]:
    """Like :func:`parse_spec`, also returning the plain data as written.

    ``checks`` run only on a spec that is otherwise valid; their issues are placed at
    the line and column of their path like any other. ``node_types=False`` skips the
    checks that need the component registry (node types, configs, arity): only for specs
    whose nodes were checked before, as when a task starts.
    """
    document = read_document(text, source=source, is_json=is_json)
    spec, issues = validate_data(document.data, (registry or default_registry()) if node_types else None)
    issues = document.issues + issues
    if spec is not None and not issues:
        issues = [issue for check in checks for issue in check(spec)]
    if issues or spec is None:
        raise SpecError([document.source_map.place(issue) for issue in issues], source)
    return spec, document.data


def read_spec_text(path: Path) -> str:
    """The text of a spec file; unreadable or wrongly named files raise :class:`SpecError`."""
    if path.suffix.lower() not in SPEC_SUFFIXES:
        raise SpecError([SpecIssue((), f"a spec file must end in {', '.join(SPEC_SUFFIXES)}")], str(path))
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError([SpecIssue((), f"cannot read the file: {exc}")], str(path)) from None


def load_spec_file_with_data(
    path: str | Path,
    *,
    registry: ComponentRegistry | None = None,
    checks: Sequence[SpecCheck] = (),
    node_types: bool = True,
) -> tuple[PipelineSpec, Any]:
    """Read and validate a spec file, returning the spec and its data as written."""
    path = Path(path)
    text = read_spec_text(path)
    is_json = path.suffix.lower() == ".json"
    return parse_spec_with_data(
        text, source=str(path), is_json=is_json, registry=registry, checks=checks, node_types=node_types
    )


def load_spec_file(
    path: str | Path,
    *,
    registry: ComponentRegistry | None = None,
    checks: Sequence[SpecCheck] = (),
    node_types: bool = True,
) -> PipelineSpec:
    """Read and validate a ``.yaml``, ``.yml`` or ``.json`` spec file."""
    return load_spec_file_with_data(path, registry=registry, checks=checks, node_types=node_types)[0]
