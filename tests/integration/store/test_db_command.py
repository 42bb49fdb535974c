"""``aggregator db migrate`` and ``aggregator db status``."""

from __future__ import annotations

import io

import sqlalchemy as sa

from dag_factory.cli import exit_codes
from dag_factory.cli.main import main
from dag_factory.cli.terminal import Terminal
from ui_plugin.store.migration import VERSION_TABLE

pytest_plugins = ["store_fixtures"]


def run(argv: list[str], monkeypatch) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("dag_factory.cli.main.Terminal", lambda: Terminal(out, err))
    code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_migrate_then_status_then_migrate_again(store_url, monkeypatch):
    code, _, _ = run(["db", "status", "--url", store_url], monkeypatch)
    assert code == exit_codes.FAILED

    code, out, _ = run(["db", "migrate", "--url", store_url], monkeypatch)
    assert code == exit_codes.OK
    assert "migrated from empty to 0001" in out

    code, out, _ = run(["db", "status", "--url", store_url], monkeypatch)
    assert code == exit_codes.OK
    assert "current:  0001" in out and "up to date" in out

    code, out, _ = run(["db", "migrate", "--url", store_url], monkeypatch)
    assert code == exit_codes.OK
    assert "is up to date (revision 0001)" in out


def test_migrate_uses_airflows_database_without_url(tmp_path, monkeypatch):
    # Airflow fixes its own engine on first import: import it under the session's settings,
    # or the rest of this process would use the temporary database below.
    import airflow.settings  # noqa: F401

    database = tmp_path / "airflow.db"
    monkeypatch.setenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{database}")

    code, out, _ = run(["db", "migrate"], monkeypatch)

    assert code == exit_codes.OK, out
    assert str(database) in out
    assert VERSION_TABLE in sa.inspect(sa.create_engine(f"sqlite:///{database}")).get_table_names()


def test_an_unreachable_database_fails_with_a_message(monkeypatch):
    code, _, err = run(["db", "migrate", "--url", "postgresql+psycopg://u:secret@127.0.0.1:1/x"], monkeypatch)

    assert code == exit_codes.FAILED
    assert "could not migrate the store at postgresql+psycopg://u:***@127.0.0.1:1/x" in err
    assert "secret" not in err


def test_a_malformed_url_is_a_usage_error(monkeypatch):
    code, _, err = run(["db", "status", "--url", "not a url"], monkeypatch)

    assert code == exit_codes.USAGE
    assert "--url" in err


def test_db_without_an_action_prints_help(monkeypatch):
    code, _, err = run(["db"], monkeypatch)

    assert code == exit_codes.USAGE
    assert "migrate" in err and "status" in err
