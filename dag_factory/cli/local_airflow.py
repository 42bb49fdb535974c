"""A self-contained Airflow installation on this machine: SQLite, LocalExecutor, FAB auth."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FAB_AUTH_MANAGER = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager"


@dataclass
class LocalAirflow:
    """Settings for Airflow processes that keep all their state under ``home``.

    :param home: ``AIRFLOW_HOME``: config, SQLite database, logs and staged data.
    :param dags_folder: The DAG bundle.
    :param plugins_folder: Airflow's plugins folder, if any.
    :param port: Port of the API server (the Execution API is served there too).
    :param host: Address the API server listens on.
    """

    home: Path
    dags_folder: Path
    plugins_folder: Path | None = None
    port: int = 8080
    host: str = "127.0.0.1"

    @property
    def database(self) -> Path:
        """The SQLite metadata database."""
        return self.home / "airflow.db"

    @property
    def url(self) -> str:
        """Where the Airflow UI and API answer."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host  # noqa: S104
        return f"http://{host}:{self.port}"

    def environment(self) -> dict[str, str]:
        """The process environment for every Airflow command of this installation."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("AIRFLOW__")}
        settings = {
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(self.dags_folder),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
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
        env.update(settings)
        return env

    def command(self, *args: str) -> list[str]:
        """An ``airflow`` command line run by this Python interpreter."""
        return [sys.executable, "-m", "airflow", *args]

    def run_command(self, *args: str, log_name: str) -> subprocess.CompletedProcess[str]:
        """Run an ``airflow`` command to completion, its output kept in ``logs/<log_name>``."""
        log_path = self.home / "logs" / log_name
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("w") as log:
            result = subprocess.run(
                self.command(*args),
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                check=False,
            )
        if result.returncode != 0:
            tail = log_path.read_text(errors="replace").splitlines()[-15:]
            raise RuntimeError(f"`airflow {' '.join(args)}` failed; end of {log_path}:\n" + "\n".join(tail))
        return result

    def migrate(self) -> None:
        """Create or upgrade the metadata database (Airflow and FAB tables)."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.run_command("db", "migrate", log_name="db-migrate.log")
