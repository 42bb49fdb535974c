"""A real Airflow for the builder benchmark: SQLite, FAB Admin, the store migrated, the plugin.

The home is a temporary folder; the API server runs in its own process group and is
stopped by that group's id. The baseline DAG is parsed into Airflow's tables by
``airflow dags reserialize`` before the server starts.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from parse_runs import BenchmarkError

from dag_factory.cli.local_airflow import LocalAirflow, free_port

ADMIN_USER = "bench_admin"
START_TIMEOUT_SECONDS = 180
STOP_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class RunningAirflow:
    """The API server's address and the Admin user signed in to it."""

    url: str
    username: str
    password: str
    logs: Path

    def token(self) -> str:
        """A bearer token of the Admin user, from ``POST /auth/token``."""
        response = httpx.post(
            f"{self.url}/auth/token", json={"username": self.username, "password": self.password}, timeout=30
        )
        if response.status_code != 201:
            raise BenchmarkError(f"signing in answered {response.status_code}: {response.text[:300]}")
        return str(response.json()["access_token"])

    def create_pipeline(self, spec: dict[str, Any]) -> None:
        """Store ``spec`` as a new pipeline through the REST API."""
        response = httpx.post(
            f"{self.url}/aggregator/api/pipelines",
            json={"spec": spec},
            headers={"Authorization": f"Bearer {self.token()}"},
            timeout=60,
        )
        if response.status_code != 201:
            raise BenchmarkError(
                f"creating the pipeline answered {response.status_code}: {response.text[:500]}"
            )

    def task_count(self, dag_id: str) -> int:
        """How many tasks Airflow's API lists for ``dag_id``."""
        response = httpx.get(
            f"{self.url}/api/v2/dags/{dag_id}/tasks",
            headers={"Authorization": f"Bearer {self.token()}"},
            timeout=60,
        )
        if response.status_code != 200:
            raise BenchmarkError(f"listing the tasks of {dag_id} answered {response.status_code}")
        return int(response.json()["total_entries"])


@contextmanager
def running_airflow(root: Path, dag_files: dict[str, str], log: Any) -> Iterator[RunningAirflow]:
    """Airflow under ``root`` with ``dag_files`` (name -> source) parsed and its API server up."""
    dags = root / "dags"
    dags.mkdir(parents=True)
    for name, source in dag_files.items():
        (dags / name).write_text(source, encoding="utf-8")
    airflow = LocalAirflow(home=root / "home", dags_folder=dags, port=free_port())
    log(f"Airflow home {airflow.home}: migrating the metadata database and the store")
    airflow.migrate(store=True)
    password = secrets.token_urlsafe(12)
    airflow.create_user(ADMIN_USER, password, "Admin")
    log("parsing the baseline DAG (airflow dags reserialize)")
    airflow.run_command("dags", "reserialize", log_name="dags-reserialize.log")
    process = _start_server(airflow)
    try:
        _wait_until_healthy(airflow.url, process, airflow.logs / "api-server.log")
        yield RunningAirflow(airflow.url, ADMIN_USER, password, airflow.logs)
    finally:
        _stop_group(process)


def _start_server(airflow: LocalAirflow) -> subprocess.Popen[bytes]:
    log_path = airflow.logs / "api-server.log"
    with log_path.open("w") as server_log:
        return subprocess.Popen(
            airflow.command("api-server", "--port", str(airflow.port), "--host", airflow.host),
            env=airflow.environment(),
            cwd=airflow.home,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(f"airflow api-server exited with {process.returncode}; see {log_path}")
        try:
            if httpx.get(f"{url}/aggregator/api/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise BenchmarkError(
        f"airflow api-server did not answer within {START_TIMEOUT_SECONDS} s; see {log_path}"
    )


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group, SIGKILL to what is left of it after a while."""
    group = process.pid
    try:
        os.killpg(group, signal.SIGTERM)
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        return
    process.wait(timeout=STOP_TIMEOUT_SECONDS)
