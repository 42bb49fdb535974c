"""Real Airflow processes (FAB auth, SQLite, the plugin installed) for browser tests.

``airflow_server`` is the API server alone; ``airflow_stack`` adds the scheduler and the
dag-processor (LocalExecutor), so published pipelines are parsed and run. Each process
runs in its own process group with an Airflow home of the module's own and free ports;
all are stopped by their group ids when the tests of a module are done.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from dag_factory.cli.commands.demo import health
from dag_factory.cli.local_airflow import LocalAirflow, free_port
from dag_factory.cli.supervisor import Supervisor

STARTUP_TIMEOUT = 180.0
STOP_TIMEOUT = 30.0
ADMIN = "e2e_admin"

QUICK_PARSING = {
    # The dag-processor lists the bundle and re-parses files every few seconds, and a
    # changed DAG is stored at once: a published pipeline reads "parsed" within seconds.
    "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "3",
    "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "3",
    "AIRFLOW__CORE__MIN_SERIALIZED_DAG_UPDATE_INTERVAL": "1",
}


@dataclass(frozen=True)
class AirflowServer:
    """A running Airflow and the Admin user signed in to it."""

    url: str
    username: str
    password: str
    log: Path
    airflow: LocalAirflow

    def token(self) -> str:
        """A bearer token of the Admin user, from Airflow's token endpoint."""
        response = requests.post(
            f"{self.url}/auth/token", json={"username": self.username, "password": self.password}, timeout=30
        )
        response.raise_for_status()
        return str(response.json()["access_token"])

    def new_user(self, username: str, role: str) -> str:
        """Create a FAB user with ``role`` and return its (generated) password."""
        password = secrets.token_urlsafe(12)
        self.airflow.create_user(username, password, role)
        return password


@pytest.fixture(scope="module")
def airflow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AirflowServer]:
    """``airflow api-server`` with the aggregator store migrated and an Admin user."""
    yield from _running(tmp_path_factory, ("api-server",), extra_env={}, healthy=())


@pytest.fixture(scope="module")
def airflow_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AirflowServer]:
    """API server, scheduler and dag-processor (LocalExecutor) on one SQLite database.

    Publishing writes into the DAG bundle (``[aggregator] publish_bundle_path``), which the
    dag-processor reads every few seconds.
    """
    yield from _running(
        tmp_path_factory,
        ("api-server", "scheduler", "dag-processor"),
        extra_env=QUICK_PARSING,
        healthy=("metadatabase", "scheduler", "dag_processor"),
    )


def _running(
    tmp_path_factory: pytest.TempPathFactory,
    components: tuple[str, ...],
    *,
    extra_env: dict[str, str],
    healthy: tuple[str, ...],
) -> Iterator[AirflowServer]:
    """Prepare an Airflow home, start ``components`` and yield once the parts ``healthy`` are."""
    root = tmp_path_factory.mktemp("airflow")
    (root / "dags").mkdir()
    airflow = LocalAirflow(
        home=root / "home", dags_folder=root / "dags", port=free_port(), worker_log_port=free_port()
    )
    airflow.migrate(store=True)
    password = secrets.token_urlsafe(12)
    airflow.create_user(ADMIN, password, "Admin")
    env = {
        **airflow.environment(),
        "AIRFLOW__AGGREGATOR__PUBLISH_BUNDLE_PATH": str(airflow.dags_folder),
        **extra_env,
    }
    supervisor = Supervisor()
    try:
        for component in components:
            extra = ["--port", str(airflow.port), "--host", airflow.host, "--workers", "1"]
            command = airflow.command(component, *(extra if component == "api-server" else []))
            supervisor.start(component, command, env, airflow.logs / f"{component}.log", cwd=airflow.home)
        wait_until_healthy(airflow.url, supervisor, healthy)
        yield AirflowServer(airflow.url, ADMIN, password, airflow.logs / "api-server.log", airflow)
    finally:
        supervisor.stop(timeout=STOP_TIMEOUT)


def wait_until_healthy(url: str, supervisor: Supervisor, parts: tuple[str, ...]) -> None:
    """Return once the plugin answers and Airflow reports ``parts`` healthy; fail with a log's end."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    waiting: list[str] = ["api-server"]
    while time.monotonic() < deadline:
        for child in supervisor.exited():
            code = child.process.returncode
            pytest.fail(f"airflow {child.name} exited with {code}:\n{tail(child.log_path)}")
        waiting = _unhealthy(url, parts)
        if not waiting:
            return
        time.sleep(1)
    logs = "\n".join(f"--- {child.name}\n{tail(child.log_path)}" for child in supervisor.children)
    pytest.fail(f"Airflow was not healthy within {STARTUP_TIMEOUT:.0f}s (waiting for {waiting}):\n{logs}")


def _unhealthy(url: str, parts: tuple[str, ...]) -> list[str]:
    """The parts not healthy yet; the API server itself until the plugin answers."""
    try:
        if requests.get(f"{url}/aggregator/api/health", timeout=5).status_code != 200:
            return ["api-server"]
    except requests.ConnectionError:
        return ["api-server"]
    if not parts:
        return []
    report = health(url) or {}
    return [name for name in parts if (report.get(name) or {}).get("status") != "healthy"]


def tail(log: Path, lines: int = 30) -> str:
    """The last lines of a log file."""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
