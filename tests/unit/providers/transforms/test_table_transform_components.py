"""The five table transforms as the registry declares them: examples, streaming, registration."""

import pytest

from dag_factory.registry.catalog import default_registry

TYPES = ["transform.dedupe", "transform.sort", "transform.limit", "transform.union", "transform.aggregate"]


@pytest.mark.parametrize("name", TYPES)
def test_each_type_is_registered_with_a_valid_example(name):
    component = default_registry().get(name)
    assert component.example is not None
    component.config_model.model_validate(component.example)


@pytest.mark.parametrize(
    ("name", "says", "fusable"),
    [
        ("transform.dedupe", "Needs the whole input", False),
        ("transform.sort", "Needs the whole input", False),
        ("transform.limit", "streams batch by batch", True),
        ("transform.union", "Streams the inputs one after another", False),
        ("transform.aggregate", "Reads its input batch by batch", False),
    ],
)
def test_descriptions_say_whether_the_type_streams(name, says, fusable):
    component = default_registry().get(name)
    assert says in component.description
    assert component.fusable is fusable
