"""Write plain data as YAML that the spec loader reads back to exactly the same data.

The spec loader uses YAML 1.2 booleans (only ``true``/``false``); PyYAML's safe dumper
quotes every string that a YAML 1.1 reader would take for something else (``on``,
``yes``, ``0123``, ``12:30``, dates, ``~``), a superset of what our loader needs, so its
output reads back the same both in our loader and in YAML 1.1 tools.
"""

from __future__ import annotations

from typing import Any

import yaml

# Line breaks other than ``\n`` are read back as ``\n`` unless escaped, which only the
# double-quoted style does.
_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")


class _SpecDumper(yaml.SafeDumper):
    """Block style, keys in the order given, multi-line strings as literal blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        # A spec written by hand has no anchors; repeated values are written out in full.
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _OTHER_BREAKS.intersection(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value:
        # The emitter falls back to a quoted style when a block cannot hold the text.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_SpecDumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """YAML text of plain data (as ``PipelineSpec.to_data()`` returns), keys in order."""
    return yaml.dump(
        data,
        Dumper=_SpecDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
