"""A real Airflow for the API benchmark: its home, metadata DB, Admin user, DAGs and API server."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
from api_database import SQLALCHEMY_URL
from parse_runs import LONG_TIMEOUT, PLUGINS_FOLDER, BenchmarkError, run_logged

FAB_AUTH_MANAGER = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager"
ADMIN_USER = "bench_admin"
ADMIN_PASSWORD = secrets.token_urlsafe(16)
BUNDLE_FOLDER = "bench"
AIRFLOW_POOL_SIZE = 10
AIRFLOW_MAX_OVERFLOW = 10
START_TIMEOUT_SECONDS = 180
STOP_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class AirflowSetup:
    """The Airflow home of the run, its DAG bundle and the port of its API server."""

    home: Path
    dags_folder: Path
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def logs(self) -> Path:
        return self.home / "logs"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(setup: AirflowSetup) -> dict[str, str]:
    """Every Airflow command's environment: the home, PostgreSQL, FAB, the port, fixed secrets."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIRFLOW")}
    env.update(
        {
            "AIRFLOW_HOME": str(setup.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(setup.dags_folder),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(PLUGINS_FOLDER),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            # One loader file builds every DAG of the bundle: may take longer than the default 30 s.
            "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": LONG_TIMEOUT,
            "AIRFLOW__DAG_PROCESSOR__DAG_FILE_PROCESSOR_TIMEOUT": LONG_TIMEOUT,
            "AIRFLOW__CORE__AUTH_MANAGER": FAB_AUTH_MANAGER,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{setup.base_url}/execution/",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": SQLALCHEMY_URL,
            # Airflow's own pool sized for 20 clients on 2 workers, as the store's is by default:
            # with 5 + 10 connections a worker's requests wait for a connection until they time out.
            "AIRFLOW__DATABASE__SQL_ALCHEMY_POOL_SIZE": str(AIRFLOW_POOL_SIZE),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_MAX_OVERFLOW": str(AIRFLOW_MAX_OVERFLOW),
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(48),
            "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(32),
            "AIRFLOW__AGGREGATOR__PUBLISH_BUNDLE_PATH": str(setup.dags_folder),
            "AIRFLOW__AGGREGATOR__PUBLISH_FOLDER": BUNDLE_FOLDER,
            "DO_NOT_TRACK": "1",
            "SCARF_NO_ANALYTICS": "true",
        }
    )
    return env


def airflow(setup: AirflowSetup, env: dict[str, str], name: str, *args: str) -> float:
    """Run ``airflow ARGS`` to completion, logged to ``logs/NAME.log``; its wall-clock seconds."""
    command = [sys.executable, "-m", "airflow", *args]
    return run_logged(command, env, setup.logs / f"{name}.log", cwd=setup.home)


def migrate_with_admin(setup: AirflowSetup, env: dict[str, str]) -> float:
    """``airflow db migrate`` and the Admin user; the migration's seconds."""
    setup.logs.mkdir(parents=True, exist_ok=True)
    setup.dags_folder.mkdir(parents=True, exist_ok=True)
    seconds = airflow(setup, env, "db-migrate", "db", "migrate")
    airflow(
        setup,
        env,
        "users-create",
        *("users", "create", "--username", ADMIN_USER, "--password", ADMIN_PASSWORD, "--role", "Admin"),
        *("--firstname", "Bench", "--lastname", "Admin", "--email", "bench@example.com"),
    )
    return seconds


def publish_and_parse(setup: AirflowSetup, env: dict[str, str], specs: list) -> tuple[float, float]:
    """Publish ``specs`` into the bundle and let Airflow parse it; seconds of each step."""
    from dag_factory.bundle.publish import publish_spec

    started = time.perf_counter()
    for spec in specs:
        publish_spec(spec, setup.dags_folder, folder=BUNDLE_FOLDER)
    published = time.perf_counter() - started
    parsed = airflow(setup, env, "dags-reserialize", "dags", "reserialize")
    return published, parsed


@dataclass
class ApiServer:
    """A running ``airflow api-server`` process."""

    process: subprocess.Popen
    log_path: Path

    def cpu_seconds(self) -> float:
        """User and system CPU seconds of the server and its live worker processes so far."""
        try:
            root = psutil.Process(self.process.pid)
            members = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0.0
        total = 0.0
        for member in members:
            try:
                times = member.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total


def start_api_server(setup: AirflowSetup, env: dict[str, str], workers: int) -> ApiServer:
    """Start the API server and wait until it answers its health check."""
    log_path = setup.logs / "api-server.log"
    command = [sys.executable, "-m", "airflow", "api-server", "--host", "127.0.0.1"]
    command += ["--port", str(setup.port), "--workers", str(workers)]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, env=env, cwd=setup.home, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    server = ApiServer(process, log_path)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(f"the API server exited with {process.returncode}; see {log_path}")
        try:
            if httpx.get(f"{setup.base_url}/aggregator/api/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(1)
    stop_api_server(server)
    raise BenchmarkError(f"the API server did not answer within {START_TIMEOUT_SECONDS} s; see {log_path}")


def stop_api_server(server: ApiServer) -> None:
    """Stop the server by its PID: SIGTERM, then SIGKILL if it does not exit in time."""
    if server.process.poll() is not None:
        return
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def sign_in(setup: AirflowSetup) -> str:
    """A bearer token of the Admin user."""
    response = httpx.post(
        f"{setup.base_url}/auth/token",
        json={"username": ADMIN_USER, "password": ADMIN_PASSWORD},
        timeout=30,
    )
    if response.status_code != 201:
        raise BenchmarkError(f"signing in answered {response.status_code}: {response.text[:500]}")
    return response.json()["access_token"]


def check_dag_count(setup: AirflowSetup, token: str, expected: int) -> None:
    """Fail unless Airflow lists exactly the published DAGs."""
    response = httpx.get(
        f"{setup.base_url}/api/v2/dags",
        params={"limit": 1},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    response.raise_for_status()
    total = response.json()["total_entries"]
    if total != expected:
        raise BenchmarkError(f"Airflow lists {total} DAGs, {expected} were published; see {setup.logs}")
