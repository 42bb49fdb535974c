"""A self-contained Airflow installation on this machine: SQLite, LocalExecutor, FAB auth."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FAB_AUTH_MANAGER = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager"

_KEPT_AIRFLOW_PREFIXES = ("AIRFLOW_CONN_", "AIRFLOW_VAR_")
"""The caller's connections and variables are passed on; other Airflow settings are not."""


@dataclass
class LocalAirflow:
    """Settings for Airflow processes that keep all their state under ``home``.

    Every setting is passed as an environment variable, so each component reads the same
    configuration; the secrets (JWT and session keys, Fernet key) are generated into
    ``home/airflow.cfg`` by the first command (``db migrate``) and read from there by all.

    :param home: ``AIRFLOW_HOME``: config, SQLite database, logs and staged data.
    :param dags_folder: The DAG bundle.
    :param plugins_folder: Airflow's plugins folder, if any.
    :param port: Port of the API server (the Execution API is served there too).
    :param host: Address the API server listens on.
    :param worker_log_port: Port of the scheduler's task log server (``None``: Airflow's 8793).
    :param trigger_log_port: Port of the triggerer's log server (``None``: Airflow's 8794).
    """

    home: Path
    dags_folder: Path
    plugins_folder: Path | None = None
    port: int = 8080
    host: str = "127.0.0.1"
    worker_log_port: int | None = None
    trigger_log_port: int | None = None

    @property
    def database(self) -> Path:
        """The SQLite metadata database."""
        return self.home / "airflow.db"

    @property
    def logs(self) -> Path:
        """Component, command and task logs."""
        return self.home / "logs"

    @property
    def url(self) -> str:
        """Where the Airflow UI and API answer."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host  # noqa: S104
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def environment(self) -> dict[str, str]:
        """The process environment for every Airflow command of this installation."""
        env = {key: value for key, value in os.environ.items() if not _configures_airflow(key)}
        settings = {
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(self.dags_folder),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
            # The builder's "Test connection" button uses Airflow's own test, off by default.
            "AIRFLOW__CORE__TEST_CONNECTION": "Enabled",
            # A published pipeline reads "parsed" within seconds instead of half a minute.
            "AIRFLOW__CORE__MIN_SERIALIZED_DAG_UPDATE_INTERVAL": "5",
            "AIRFLOW__CORE__AUTH_MANAGER": FAB_AUTH_MANAGER,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.url}/execution/",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{self.database}",
            "AIRFLOW__API__PORT": str(self.port),
            "AIRFLOW__API__HOST": self.host,
            "AIRFLOW__API__BASE_URL": self.url,
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "10",
            "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "10",
            "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        }
        if self.plugins_folder is not None:
            settings["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(self.plugins_folder)
        if self.worker_log_port is not None:
            settings["AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"] = str(self.worker_log_port)
        if self.trigger_log_port is not None:
            settings["AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT"] = str(self.trigger_log_port)
        env.update(settings)
        return env

    def command(self, *args: str) -> list[str]:
        """An ``airflow`` command line run by this Python interpreter."""
        return [sys.executable, "-m", "airflow", *args]

    def run_command(
        self, *args: str, log_name: str, program: str = "airflow"
    ) -> subprocess.CompletedProcess[str]:
        """Run an ``airflow`` (or ``aggregator``) command to completion, its output kept in
        ``logs/<log_name>``.

        The command runs in ``home`` so that nothing in the caller's working directory
        (``python -m`` puts it on ``sys.path``) is picked up.
        """
        log_path = self.logs / log_name
        log_path.parent.mkdir(parents=True, exist_ok=True)
        command = self.command(*args)
        if program == "aggregator":
            command = [sys.executable, "-m", "dag_factory", *args]
        with log_path.open("w") as log:
            result = subprocess.run(
                command,
                env=self.environment(),
                cwd=self.home,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                check=False,
            )
        if result.returncode != 0:
            tail = log_path.read_text(errors="replace").splitlines()[-15:]
            raise RuntimeError(f"`{program} {' '.join(args)}` failed; end of {log_path}:\n" + "\n".join(tail))
        return result

    def migrate(self, *, store: bool) -> None:
        """Create or upgrade the metadata database (Airflow and FAB tables, and with ``store``
        the pipeline store's ``aggregator_`` tables) and ``airflow.cfg``."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.run_command("db", "migrate", log_name="db-migrate.log")
        if store:
            self.run_command("db", "migrate", log_name="store-migrate.log", program="aggregator")

    def users(self) -> list[dict[str, Any]]:
        """The FAB users (``airflow users list``): username, email, roles, ..."""
        self.run_command("users", "list", "--output", "json", log_name="users-list.log")
        return json_list_in((self.logs / "users-list.log").read_text(errors="replace"))

    def create_user(self, username: str, password: str, role: str) -> None:
        """Create a FAB user (``airflow users create``); nothing happens if it exists."""
        self.run_command(
            "users",
            "create",
            "--username",
            username,
            # Joined to its option: a generated password may start with "-".
            f"--password={password}",
            "--role",
            role,
            "--firstname",
            username.capitalize(),
            "--lastname",
            "Demo",
            "--email",
            f"{username}@example.com",
            log_name=f"users-create-{username}.log",
        )

    def reset_password(self, username: str, password: str) -> None:
        """Give an existing FAB user a new password (``airflow users reset-password``)."""
        self.run_command(
            "users",
            "reset-password",
            "--username",
            username,
            f"--password={password}",
            log_name=f"users-reset-password-{username}.log",
        )


def _configures_airflow(key: str) -> bool:
    """Whether an environment variable would point Airflow at another installation."""
    if key.startswith(_KEPT_AIRFLOW_PREFIXES):
        return False
    return key.startswith(("AIRFLOW_", "_AIRFLOW"))


def json_list_in(output: str) -> list[dict[str, Any]]:
    """The JSON array printed by an ``airflow ... --output json`` command among its log lines."""
    for line in reversed(output.splitlines()):
        if not line.startswith("["):
            continue
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, list):
            return value
    raise RuntimeError("no JSON list in the command output:\n" + "\n".join(output.splitlines()[-15:]))


def listen_problem(host: str, port: int) -> str | None:
    """Why a server could not listen on ``host:port`` (e.g. the port is in use), or ``None``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.strerror or str(error)
    return None


def free_port() -> int:
    """A TCP port that nothing listens on right now, on any address."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("", 0))
        return int(probe.getsockname()[1])
