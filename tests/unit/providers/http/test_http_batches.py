"""Records to batches under one schema: widening, missing fields, conflicts; config checks."""

import pyarrow as pa
import pytest
from pydantic import ValidationError

from providers.components.http_source import COMPONENT, HttpSourceConfig
from providers.http.batches import SchemaConflictError, conform, records_to_batch, unify
from providers.http.incremental import max_cursor


def test_a_batch_has_every_key_seen_in_its_records():
    batch = records_to_batch([{"a": 1}, {"b": "x"}], page=1)
    assert batch.schema.names == ["a", "b"]
    assert batch.column("a").to_pylist() == [1, None]


def test_mixed_types_within_a_page_name_the_field():
    with pytest.raises(SchemaConflictError, match="page 4: field 'v' has values of different types"):
        records_to_batch([{"v": 1}, {"v": "x"}], page=4)


@pytest.mark.parametrize(
    ("first", "later", "values"),
    [
        ([{"v": 1.5}], [{"v": 2}], [2.0]),
        ([{"v": 1}], [{"v": 3.0}], [3]),
        ([{"v": "a"}], [{"w": None}], None),
        ([{"v": 1, "w": "x"}], [{"v": 2}], [2]),
        ([{"v": {"x": 1}}], [{"v": {"x": 2}}], [{"x": 2}]),
        ([{"v": 1}], [], []),
    ],
)
def test_later_pages_are_cast_safely_to_the_first_schema(first, later, values):
    schema = records_to_batch(first, 1).schema
    if values is None:
        with pytest.raises(SchemaConflictError, match="page 2: field 'w' was not in the first pages' schema"):
            conform(records_to_batch(later, 2), schema, 2)
        return
    batch = conform(records_to_batch(later, 2), schema, 2)
    assert batch.schema == schema
    assert batch.column("v").to_pylist() == values


@pytest.mark.parametrize(("first", "later"), [({"v": 1}, {"v": "x"}), ({"v": 1}, {"v": 2.5})])
def test_later_pages_that_cannot_be_cast_name_page_and_field(first, later):
    schema = records_to_batch([first], 1).schema
    with pytest.raises(SchemaConflictError, match="page 3: field 'v' is"):
        conform(records_to_batch([later], 3), schema, 3)


def test_unify_widens_over_several_pages():
    schema = unify([records_to_batch([{"v": 1, "n": None}], 1), records_to_batch([{"v": 2.5, "n": "s"}], 2)])
    assert schema.field("v").type == pa.float64()
    assert schema.field("n").type == pa.string()


@pytest.mark.parametrize(
    ("values", "current", "expected"),
    [
        ([{"t": "2026-01-02"}, {"t": "2026-01-03"}, {"t": None}], None, "2026-01-03"),
        ([{"t": 5}], 9, 9),
        ([], "a", "a"),
        ([{"x": {"t": 3}}], None, 3),
    ],
)
def test_watermark_is_the_largest_cursor_value(values, current, expected):
    field = "x.t" if values and "x" in values[0] else "t"
    assert max_cursor(values, field, current) == expected


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"headers": {"Authorization": "Bearer x"}}, "carries credentials"),
        ({"method": "DELETE"}, "method"),
        ({"pagination": {"type": "scroll"}}, "pagination.type"),
        ({"auth": {"type": "bearer", "token": "x"}}, "auth.token"),
    ],
)
def test_config_refuses_secrets_and_unknown_options(config, message):
    with pytest.raises(ValidationError) as failure:
        HttpSourceConfig.model_validate({"conn_id": "api", **config})
    assert message in str(failure.value).replace("\n", ".")


def test_the_component_declares_its_connection_field():
    assert COMPONENT.connection_fields() == ["conn_id"]
    assert COMPONENT.config_schema["properties"]["conn_id"]["x-connection-type"] == "http"
