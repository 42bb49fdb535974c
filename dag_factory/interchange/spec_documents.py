"""Export pipeline specs as JSON or YAML text, and import them back, one or a set at a time.

A single spec is written as the spec document itself, the same as a spec file. A set is
written as ``{pipelines: [spec, ...]}``; a plain list of specs is read as a set too.
Both formats carry exactly the spec's canonical data (``PipelineSpec.to_data()``), so a
round trip keeps ``content_hash`` and key order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from dag_factory.interchange.yaml_text import dump_yaml
from dag_factory.registry.catalog import ComponentRegistry, default_registry
from dag_factory.spec.errors import SpecError, SpecIssue, SpecPath, format_path
from dag_factory.spec.models import PipelineSpec
from dag_factory.spec.source_map import read_document
from dag_factory.spec.validation import validate_data

Format = Literal["json", "yaml"]
FORMATS: tuple[Format, ...] = ("json", "yaml")
SET_KEY = "pipelines"


def export_specs(specs: PipelineSpec | Sequence[PipelineSpec], fmt: Format) -> str:
    """Text of one spec (the spec document) or of a set (``{pipelines: [...]}``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use 'json' or 'yaml'")
    if isinstance(specs, PipelineSpec):
        data: Any = specs.to_data()
    else:
        data = {SET_KEY: [spec.to_data() for spec in specs]}
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return dump_yaml(data)


def import_specs(
    text: str,
    fmt: Format | None = None,
    *,
    source: str | None = None,
    registry: ComponentRegistry | None = None,
) -> list[PipelineSpec]:
    """Read and validate one spec or a set; raise :class:`SpecError` listing every problem.

    ``fmt=None`` reads text starting with ``{`` or ``[`` as JSON when it is valid JSON,
    anything else as YAML. Issue paths start at the document: ``pipelines[1].nodes[0].type``
    in a set, ``nodes[0].type`` for a single spec.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown import format {fmt!r}; use 'json', 'yaml' or None to detect it")
    document = read_document(text, source=source, is_json=_reads_as_json(text, fmt))
    entries, issues = _entries(document.data)
    registry = registry or default_registry()
    specs: list[PipelineSpec] = []
    for prefix, data in entries:
        spec, found = validate_data(data, registry)
        issues += [SpecIssue((*prefix, *i.path), i.message, on_key=i.on_key) for i in found]
        if spec is not None:
            specs.append(spec)
    issues += _duplicate_ids(entries)
    issues = document.issues + issues
    if issues:
        raise SpecError([document.source_map.place(issue) for issue in issues], source)
    return specs


def _reads_as_json(text: str, fmt: Format | None) -> bool:
    if fmt is not None:
        return fmt == "json"
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except ValueError:
        # YAML flow style also starts with a bracket.
        return False
    except RecursionError:
        return True  # JSON nested too deeply: the JSON reader reports it
    return True


def _entries(data: Any) -> tuple[list[tuple[SpecPath, Any]], list[SpecIssue]]:
    """Each spec's data with its path in the document."""
    if isinstance(data, list):
        return [((index,), item) for index, item in enumerate(data)], []
    if isinstance(data, dict) and SET_KEY in data and "apiVersion" not in data:
        issues = [
            SpecIssue((key,), f"unknown key '{key}'; a set of pipelines holds only '{SET_KEY}'", on_key=True)
            for key in data
            if key != SET_KEY
        ]
        items = data[SET_KEY]
        if not isinstance(items, list):
            kind = type(items).__name__
            return [], [*issues, SpecIssue((SET_KEY,), f"'{SET_KEY}' must be a list of specs, not a {kind}")]
        return [((SET_KEY, index), item) for index, item in enumerate(items)], issues
    return [((), data)], []


def _duplicate_ids(entries: list[tuple[SpecPath, Any]]) -> list[SpecIssue]:
    first: dict[str, SpecPath] = {}
    issues = []
    for prefix, data in entries:
        pipeline_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(pipeline_id, str):
            continue
        if pipeline_id in first:
            where = format_path(first[pipeline_id])
            issues.append(
                SpecIssue((*prefix, "id"), f"duplicate pipeline id '{pipeline_id}' (first used by {where})")
            )
        else:
            first[pipeline_id] = prefix
    return issues
