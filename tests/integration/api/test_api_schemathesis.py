"""Every operation of the plugin's OpenAPI document, fuzzed with schemathesis: no answer is a 5xx.

Cases are generated from the document the plugin app serves and sent in process (ASGI) as
an Admin, so every route gets past its permission check and reaches its handler. The store
is a SQLite file holding two pipelines with versions, so lists, reads and diffs find rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from api_fixtures import PLUGIN_PREFIX, plugin_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from store_specs import make_spec

from ui_plugin.api.openapi_document import openapi_document

pytest_plugins = ["api_fixtures"]

EXAMPLES_PER_OPERATION = 30
"""Generated cases per operation, valid and invalid, from a fixed seed: about 1 s per operation."""

NETWORK_OPERATIONS = r"^/connections/[^/]+/test$"
"""Testing a connection opens a network connection to the host the connection names: left out."""

SEEDED_PIPELINES = ("orders_daily", "customers_daily")


def seed(store: Any) -> None:
    """Two pipelines, each with a second version that changes its schedule."""
    for pipeline_id in SEEDED_PIPELINES:
        created = store.pipelines.create(make_spec(pipeline_id), actor="seed")
        store.pipelines.save_draft(
            make_spec(pipeline_id, schedule="@hourly"), expected_row_version=created.row_version, actor="seed"
        )
        store.versions.commit(pipeline_id, author="seed", message="hourly")


@pytest.fixture(scope="module")
def fuzzed_app(api_client, tmp_path_factory) -> Iterator[Any]:
    """The plugin app over a seeded SQLite store, publishing into a folder of its own."""
    from ui_plugin.store.database import store_engine
    from ui_plugin.store.migration import migrate
    from ui_plugin.store.store import Store

    folder = tmp_path_factory.mktemp("fuzzed")
    # The bundle folder exists, as in a deployment: publishing into a missing one is a 503.
    (folder / "bundle").mkdir()
    engine = store_engine(f"sqlite:///{folder / 'store.db'}")
    migrate(engine)
    store = Store.over(engine)
    seed(store)
    app = plugin_app(api_client)
    app.state.store = store
    with pytest.MonkeyPatch.context() as patch:
        # Airflow reads AIRFLOW__SECTION__KEY at every lookup: publish here, not into the test bundle.
        patch.setenv("AIRFLOW__AGGREGATOR__PUBLISH_BUNDLE_PATH", str(folder / "bundle"))
        try:
            yield app
        finally:
            app.state.store = None
            engine.dispose()


@pytest.fixture(scope="module")
def api_schema(fuzzed_app) -> Any:
    """The OpenAPI document as the plugin app serves it, for schemathesis."""
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


@pytest.fixture(scope="module")
def admin_headers(role_tokens) -> dict[str, str]:
    return {"Authorization": f"Bearer {role_tokens['Admin']}"}


def operations() -> list[tuple[str, str]]:
    """``(METHOD, path)`` of every operation in the app's document, less the network ones."""
    paths = openapi_document()["paths"]
    return sorted(
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if not re.match(NETWORK_OPERATIONS, path)
    )


def cases(operation: Any) -> st.SearchStrategy[Any]:
    """Valid and invalid requests; half of them name a stored pipeline and version that exist."""
    known = {"pipeline_id": SEEDED_PIPELINES[0], "number": 1, "version": 2, "other": 1}
    wanted = {name: value for name, value in known.items() if "{" + name + "}" in operation.path}
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    strategies = [operation.as_strategy(generation_mode=mode) for mode in modes]
    if wanted:
        strategies += [operation.as_strategy(generation_mode=mode, path_parameters=wanted) for mode in modes]
    return st.one_of(strategies)


@pytest.mark.parametrize("route", operations(), ids=" ".join)
def test_no_operation_answers_with_a_server_error(api_schema, admin_headers, route):
    method, path = route
    operation = api_schema[path][method]

    @given(case=cases(operation))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_without_a_server_error(case: Any) -> None:
        case.call_and_validate(headers=admin_headers, checks=[not_a_server_error])

    answers_without_a_server_error()


def test_airflow_serves_the_document_under_the_plugin_prefix(api_client):
    response = api_client.get(f"{PLUGIN_PREFIX}/openapi.json")
    assert response.status_code == 200, response.text
    served = response.json()
    assert served["info"]["title"] == "airflow-aggregator API"
    assert served["paths"] == openapi_document()["paths"]
