"""``LOAD DATA LOCAL`` is offered only to connections that load, and the extra can still refuse it."""

import json

import pytest

from providers.hooks.mysql import MySqlDatabaseHook


@pytest.mark.parametrize(
    ("asked", "extra", "offered"),
    [
        (False, {}, False),
        (True, {}, True),
        (True, {"local_infile": False}, False),
        (True, {"local_infile": "false"}, False),
        (True, {"local_infile": "0"}, False),
        (True, {"local_infile": "true"}, True),
    ],
)
def test_local_files_are_offered_only_when_the_caller_loads_and_the_extra_allows(
    monkeypatch, asked, extra, offered
):
    conn = {"conn_type": "aggregator_mysql", "host": "db.example", "login": "etl", "extra": extra}
    monkeypatch.setenv("AIRFLOW_CONN_SHOP", json.dumps(conn))
    assert MySqlDatabaseHook("shop", local_infile=asked).connect_kwargs()["local_infile"] is offered
