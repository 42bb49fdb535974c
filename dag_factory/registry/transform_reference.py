"""``docs/transforms.md``: the index of transform node types, generated from the catalogue.

Run as ``python -m dag_factory.registry.transform_reference docs/transforms.md`` (``make docs``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from dag_factory.registry.catalog import ComponentRegistry, default_registry
from dag_factory.registry.transform_catalogue import COMBINING, ROW_WISE, WHOLE_INPUT, transform_catalogue

GUIDES = {
    ROW_WISE: ("transforms/row-wise.md", "Row-wise transforms",
               "stream their one input batch by batch, and may run inside the task of their consumer."),
    WHOLE_INPUT: ("transforms/whole-input.md", "Whole-input transforms",
                  "need all of their one input before they give a row (sorting, grouping, reshaping)."),
    COMBINING: ("transforms/combining.md", "Combining transforms",
                "read several inputs (joins, unions) or any number of them."),
}  # fmt: skip


def render_transforms(registry: ComponentRegistry) -> str:
    """Markdown: the guides, an index of every transform type, then each type's fields and example."""
    catalogue = transform_catalogue(registry)
    transforms = catalogue["transforms"]
    lines = [
        "# Transforms",
        "",
        "Generated from the component registry by `make docs`; do not edit by hand.",
        "",
        "A transform node reads the output of its `inputs` and gives one table to the nodes after it.",
        "The guides explain each group with worked examples:",
        "",
        *(f"- [{title}]({page}) {what}" for page, title, what in GUIDES.values()),
        "",
        f"Expressions (in `transform.filter`, `transform.derive` and others) can call "
        f"{len(catalogue['functions'])} functions, listed in "
        "[the expression language](expressions.md#functions).",
        "",
        "| type | title | group | inputs | code |",
        "|---|---|---|---|---|",
    ]
    for entry in transforms:
        page, _, _ = GUIDES[entry["group"]]
        code = "yes" if entry["code_bearing"] else "no"
        lines.append(
            f"| [`{entry['name']}`](#{entry['name'].replace('.', '')}) | {entry['title']} "
            f"| [{entry['group']}]({page}) | {entry['inputs']['text']} | {code} |"
        )
    for entry in transforms:
        lines += ["", *_section(entry)]
    return "\n".join(lines) + "\n"


def _section(entry: dict[str, Any]) -> list[str]:
    page, title, _ = GUIDES[entry["group"]]
    runs = (
        "streams batch by batch and may run inside its consumer's task"
        if entry["fusable"]
        else "runs as a task of its own; its description says what it holds in memory"
    )
    lines = [
        f"## {entry['name']}",
        "",
        f"**{entry['title']}.** {entry['description']}",
        "",
        f"Inputs: {entry['inputs']['text']}; {runs} (see [{title.lower()}]({page})).",
    ]
    if entry["code_bearing"]:
        lines.append("Code-bearing: its config holds code, which needs the code permission.")
    lines += ["", "| config key | type | default | description |", "|---|---|---|---|"]
    for field in entry["fields"]:
        cells = [f"`{field['name']}`", *map(_cell, (field["type"], _default(field), field["description"]))]
        lines.append(f"| {' | '.join(cells)} |")
    lines += ["", *_example(entry)]
    return lines


def _default(field: dict[str, Any]) -> str:
    if field["required"]:
        return "required"
    return f"`{json.dumps(field['default'])}`" if field["default"] is not None else "optional"


def _example(entry: dict[str, Any]) -> list[str]:
    import yaml

    if entry["example"] is None:
        return ["No example is declared for this type."]
    count = max(entry["inputs"]["min"], 1)
    inputs = ["upstream"] if count == 1 else [f"input_{number}" for number in range(1, count + 1)]
    node = {"id": entry["name"].rsplit(".", 1)[-1], "type": entry["name"], "inputs": inputs,
            "config": entry["example"]}  # fmt: skip
    text = yaml.dump([node], Dumper=_spec_dumper(), sort_keys=False, allow_unicode=True, width=100)
    return ["```yaml", text.rstrip("\n"), "```"]


def _spec_dumper() -> type:
    """A YAML dumper writing lists of plain values on one line, as specs are usually written."""
    import yaml

    class SpecDumper(yaml.SafeDumper):
        pass

    def sequence(dumper: yaml.SafeDumper, data: list[Any]) -> Any:
        flat = all(not isinstance(item, dict | list) for item in data)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)

    SpecDumper.add_representer(list, sequence)
    return SpecDumper


def _cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(render_transforms(default_registry()), encoding="utf-8")
