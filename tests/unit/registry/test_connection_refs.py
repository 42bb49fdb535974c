"""The connection ids a spec's nodes name, through their node types' connection fields."""

from dag_factory.registry.catalog import default_registry
from dag_factory.registry.connection_refs import ConnectionRef, connection_refs
from dag_factory.spec.parsing import parse_spec

SPEC = """
apiVersion: aggregator/v1
id: refs
nodes:
  - id: orders
    type: source.sql
    config: {conn_id: dwh, table: orders}
  - id: keep
    type: transform.filter
    inputs: [orders]
    config: {where: "amount > 0"}
  - id: copy
    type: sink.file
    inputs: [keep]
    config: {path: out.parquet}
  - id: load
    type: sink.sql
    inputs: [keep]
    config: {conn_id: "{{ var.value.target }}", table: orders_copy}
"""


def test_each_connection_field_holding_an_id_in_spec_order():
    spec = parse_spec(SPEC, source="refs.yaml", registry=default_registry())

    # The file sink's conn_id is left out (null): it names no connection.
    assert list(connection_refs(spec, default_registry())) == [
        ConnectionRef(0, "conn_id", "dwh"),
        ConnectionRef(3, "conn_id", "{{ var.value.target }}"),
    ]
