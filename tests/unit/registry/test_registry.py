import textwrap

import pytest
from pydantic import BaseModel

from dag_factory.registry.catalog import (
    ComponentRegistry,
    UnknownComponentError,
    components_from_entry_points,
    components_from_plugins_folder,
    default_registry,
)
from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.spec.errors import SpecError
from dag_factory.spec.parsing import parse_spec

PLUGIN_MODULE = textwrap.dedent(
    """
    from dag_factory.registry.component import Arity, Category, ComponentType
    from dag_factory.registry.config_fields import ComponentConfig


    class UppercaseConfig(ComponentConfig):
        column: str


    def run(node_run, config, inputs):
        return inputs[0].read_table()


    UPPERCASE = ComponentType(
        name="transform.uppercase",
        category=Category.TRANSFORM,
        title="Uppercase",
        description="Upper-cases one column.",
        config_model=UppercaseConfig,
        executor="acme_components.uppercase:run",
        inputs=Arity(1, 1),
    )
    """
)


class NoConfig(BaseModel):
    pass


def make(name: str) -> ComponentType:
    return ComponentType(
        name=name,
        category=Category.SOURCE,
        title=name,
        description="",
        config_model=NoConfig,
        executor="x.y:z",
    )


def test_built_in_types_come_from_the_entry_point_group_like_any_other():
    names = {component.name for component in components_from_entry_points()}
    assert {"source.file", "sink.file", "python.callable"} <= names


def test_default_registry_exports_schema_and_ui_metadata_per_type():
    source = default_registry().get("source.file")
    meta = source.ui_metadata()
    assert meta["category"] == "source"
    assert meta["inputs"] == {"min": 0, "max": 0}
    assert meta["config_schema"]["properties"]["path"]["type"] == "string"
    assert source.connection_fields() == ["conn_id"]
    assert default_registry().get("python.callable").code_bearing is True


def test_types_declared_in_the_plugins_folder_are_discovered(tmp_path):
    package = tmp_path / "acme_components"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "uppercase.py").write_text(PLUGIN_MODULE)
    (package / "unrelated.py").write_text("raise RuntimeError('must not be imported')\n")
    found = list(components_from_plugins_folder(tmp_path))
    assert [c.name for c in found] == ["transform.uppercase"]
    registry = ComponentRegistry([*components_from_entry_points(), *found])
    spec_text = textwrap.dedent(
        """
        apiVersion: aggregator/v1
        id: plugin_types
        nodes:
          - {id: a, type: source.file, config: {path: a.csv}}
          - {id: b, type: transform.uppercase, inputs: [a], config: {colum: name}}
        """
    )
    with pytest.raises(SpecError) as caught:
        parse_spec(spec_text, registry=registry)
    assert "nodes[1].config.colum: unknown key 'colum' (did you mean 'column'?)" in str(caught.value)
    assert found[0].load_executor().__name__ == "run"


def test_the_same_name_cannot_be_registered_twice():
    registry = ComponentRegistry([make("source.a")])
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(make("source.a"))


def test_unknown_type_lookup_raises_its_own_error():
    with pytest.raises(UnknownComponentError):
        ComponentRegistry().get("source.none")


@pytest.mark.parametrize(
    ("arity", "count", "ok", "text"),
    [
        (Arity(0, 0), 0, True, "no inputs"),
        (Arity(0, 0), 1, False, "no inputs"),
        (Arity(1, 1), 1, True, "exactly 1 input"),
        (Arity(2, 2), 1, False, "exactly 2 inputs"),
        (Arity(1, None), 5, True, "1 or more inputs"),
        (Arity(0, None), 0, True, "any number of inputs"),
        (Arity(1, 3), 4, False, "1 to 3 inputs"),
    ],
)
def test_arity(arity, count, ok, text):
    assert arity.accepts(count) is ok
    assert arity.describe() == text


def test_component_declaration_is_checked():
    with pytest.raises(ValueError, match="family"):
        make("nodot")
