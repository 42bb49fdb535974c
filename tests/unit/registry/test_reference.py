from pathlib import Path

from dag_factory.registry.catalog import default_registry
from dag_factory.registry.reference import render_reference

DOC = Path(__file__).resolve().parents[3] / "docs" / "node-types.md"


def test_node_type_reference_matches_the_registry():
    """Run `make docs` after changing a node type."""
    assert DOC.read_text() == render_reference(default_registry())


def test_reference_documents_every_config_field():
    text = render_reference(default_registry())
    for component in default_registry():
        assert f"## {component.name}" in text
        for field in component.config_schema.get("properties", {}):
            assert f"| `{field}` |" in text
