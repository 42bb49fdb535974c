"""Test settings: every in-process Airflow import reads a private, temporary Airflow home.

The environment is set when this file is imported, before any test module imports
Airflow, because Airflow reads its configuration once, on first import.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from metadata_database import metadata_database_url

REPO = Path(__file__).resolve().parents[1]
AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="aggregator-tests-"))
BUNDLE = AIRFLOW_HOME / "dags"
METADATA = os.environ.get("AGGREGATOR_TEST_METADATA", "sqlite")
"""Airflow's metadata database in these tests: ``sqlite`` (default) or ``postgresql``."""

for _key in [key for key in os.environ if key.startswith("AIRFLOW__")]:
    del os.environ[_key]
os.environ.update(
    {
        "AIRFLOW_HOME": str(AIRFLOW_HOME),
        "AIRFLOW__CORE__DAGS_FOLDER": str(BUNDLE),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__AUTH_MANAGER": "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata_database_url(METADATA, AIRFLOW_HOME),
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        # Set here, not left to airflow.cfg: the file is written by `db migrate`, after this
        # process has read its configuration.
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(48),
        "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(32),
    }
)
shutil.copytree(REPO / "dags", BUNDLE, ignore=shutil.ignore_patterns("output"))
if str(REPO / "plugins") not in sys.path:
    sys.path.append(str(REPO / "plugins"))


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """A migrated metadata database: SQLite in the private Airflow home, or a PostgreSQL database.

    The path is that of the SQLite file; under ``AGGREGATOR_TEST_METADATA=postgresql`` it does
    not exist, and Airflow's tables are in a database of this test process's own.
    """
    subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"],
        check=True,
        capture_output=True,
        env=os.environ.copy(),
    )
    return AIRFLOW_HOME / "airflow.db"


@pytest.fixture(scope="session")
def bundle() -> Path:
    """The DAG bundle (dags folder) that Airflow reads in these tests: a copy of ``dags/``."""
    return BUNDLE


@pytest.fixture
def spec_folder(bundle: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A folder of the bundle, with its loader, for the specs of one test."""
    from dag_factory.bundle.publish import ensure_loader

    folder = bundle / "pipelines" / f"t_{request.node.name.replace('[', '_').replace(']', '')}"[:80]
    folder.mkdir(parents=True)
    ensure_loader(folder)
    yield folder
    shutil.rmtree(folder)
