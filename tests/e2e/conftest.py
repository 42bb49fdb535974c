"""A real ``airflow api-server`` (FAB auth, SQLite, the plugin installed) for browser tests.

The server runs in its own process group with its own Airflow home and a free port; it
is stopped by that group's id when the tests of a module are done.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from dag_factory.cli.local_airflow import LocalAirflow, free_port

STARTUP_TIMEOUT = 180.0
STOP_TIMEOUT = 30.0


@dataclass(frozen=True)
class AirflowServer:
    """A running API server and the Admin user signed in to it."""

    url: str
    username: str
    password: str
    log: Path

    def token(self) -> str:
        """A bearer token of the Admin user, from Airflow's token endpoint."""
        response = requests.post(
            f"{self.url}/auth/token", json={"username": self.username, "password": self.password}, timeout=30
        )
        response.raise_for_status()
        return str(response.json()["access_token"])


@pytest.fixture(scope="module")
def airflow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AirflowServer]:
    """``airflow api-server`` with the aggregator store migrated and an Admin user."""
    root = tmp_path_factory.mktemp("airflow")
    (root / "dags").mkdir()
    airflow = LocalAirflow(home=root / "home", dags_folder=root / "dags", port=free_port())
    airflow.migrate(store=True)
    password = secrets.token_urlsafe(12)
    airflow.create_user("e2e_admin", password, "Admin")
    log_path = airflow.logs / "api-server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            airflow.command("api-server", "--port", str(airflow.port), "--host", airflow.host),
            env=airflow.environment(),
            cwd=airflow.home,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        wait_until_healthy(airflow.url, process, log_path)
        yield AirflowServer(airflow.url, "e2e_admin", password, log_path)
    finally:
        stop_group(process)


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Return once the API server and the plugin answer; fail with the log's end otherwise."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"airflow api-server exited with {process.returncode}:\n{tail(log)}")
        try:
            if requests.get(f"{url}/aggregator/api/health", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(1)
    pytest.fail(f"airflow api-server did not answer within {STARTUP_TIMEOUT:.0f}s:\n{tail(log)}")


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and the workers it started: SIGTERM to its group, SIGKILL if it lingers."""
    group = process.pid
    try:
        os.killpg(group, signal.SIGTERM)
        process.wait(timeout=STOP_TIMEOUT)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        pass
    # Workers that outlived the server, if any, are still in its group.
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        return
    process.wait(timeout=STOP_TIMEOUT)


def tail(log: Path, lines: int = 30) -> str:
    """The last lines of a log file."""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
