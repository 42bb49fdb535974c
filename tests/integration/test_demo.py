"""End to end: ``aggregator demo`` starts Airflow, runs the example pipelines green, stops cleanly.

The demo runs as a subprocess with its own Airflow home, a copy of the repository's ``dags/``
(so outputs land in the copy) and free ports. The test signs in through the FAB auth
manager's token endpoint, runs both example pipelines through Airflow's REST API, checks
their outputs and the removal of staged data, then presses "Ctrl-C" (SIGINT) and checks
that every process the demo started is gone.
"""

from __future__ import annotations

import csv
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests

from providers.staging.location import safe_segment

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 240.0
RUNS_TIMEOUT = 300.0
STOP_TIMEOUT = 60.0
HTTP_TIMEOUT = 30.0
EXAMPLE_OUTPUTS = {
    "example_revenue_by_region": "revenue_by_region.parquet",
    "example_paid_orders_export": "paid_orders.csv",
}
EXPECTED_ROLES = {"admin": "Admin", "editor": "Op", "viewer": "Viewer"}
COMPONENTS = {"api-server", "scheduler", "dag-processor", "triggerer"}
TERMINAL_RUN_STATES = {"success", "failed"}

T = TypeVar("T")

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="process checks read /proc (Linux)"
)


@pytest.mark.slow
def test_demo_runs_example_pipelines_green_and_stops_every_process(tmp_path: Path) -> None:
    home = tmp_path / "home"
    dags = tmp_path / "dags"
    shutil.copytree(REPO / "dags", dags, ignore=shutil.ignore_patterns("output", "__pycache__"))
    demo = DemoProcess(home=home, dags=dags, port=free_port(), logs=tmp_path)
    try:
        demo.start()
        url = demo.wait_until_ready(STARTUP_TIMEOUT)
        assert set(demo.child_pids()) == COMPONENTS, demo.describe()
        passwords = demo.printed_passwords()
        assert {name: role for name, (_, role) in passwords.items()} == EXPECTED_ROLES, demo.describe()
        check_store_migrated(home / "airflow.db")

        api = AirflowApi(url)
        check_plugin_api(api)
        admin = api.token("admin", passwords["admin"][0])
        check_users_and_roles(api, passwords)
        wait_for(
            lambda: EXAMPLE_OUTPUTS.keys() <= set(api.dag_ids(admin)) or None,
            timeout=120,
            what=f"the example DAGs to be listed (import errors: {api.import_errors(admin)})",
        )
        assert api.import_errors(admin) == [], "the shipped example specs must load without errors"

        for dag_id in EXAMPLE_OUTPUTS:
            api.unpause(admin, dag_id)
        # Unpausing lets the scheduler start the latest scheduled run of each DAG; that run is
        # awaited first so that the manual run below does not overlap with it.
        deadline = time.monotonic() + RUNS_TIMEOUT
        for dag_id in EXAMPLE_OUTPUTS:
            wait_for(
                lambda dag_id=dag_id: api.settled(admin, dag_id) or None,
                timeout=deadline - time.monotonic(),
                what=f"the scheduled runs of {dag_id} to finish",
            )
        outputs = dags / "output"
        before = {dag_id: mtime_ns(outputs / name) for dag_id, name in EXAMPLE_OUTPUTS.items()}
        manual = {dag_id: api.trigger(admin, dag_id) for dag_id in EXAMPLE_OUTPUTS}
        for dag_id, run_id in manual.items():
            run = wait_for(
                lambda dag_id=dag_id, run_id=run_id: api.finished_run(admin, dag_id, run_id),
                timeout=deadline - time.monotonic(),
                what=f"run {run_id} of {dag_id} to finish",
            )
            assert run["state"] == "success", f"{dag_id} run {run_id} ended {run['state']}\n{demo.describe()}"

        runs = {dag_id: api.runs(admin, dag_id) for dag_id in EXAMPLE_OUTPUTS}
        for dag_id, dag_runs in runs.items():
            assert {run["state"] for run in dag_runs} == {"success"}, f"{dag_id}: {dag_runs}"
            assert mtime_ns(outputs / EXAMPLE_OUTPUTS[dag_id]) != before[dag_id], f"{dag_id} wrote no output"
        check_outputs(dags)
        check_staging_removed(home, runs)

        demo.interrupt()
        exit_code = demo.wait(STOP_TIMEOUT)
        assert exit_code == 0, demo.describe()
        assert "All demo processes stopped." in demo.stderr()
        check_all_gone(demo, home)
    finally:
        demo.kill_everything()


def check_plugin_api(api: AirflowApi) -> None:
    """The aggregator plugin is served: health is public, the schema needs a signed-in user."""
    health = requests.get(f"{api.url}/aggregator/api/health", timeout=HTTP_TIMEOUT)
    assert health.status_code == 200, health.text
    assert health.json()["status"] == "ok"
    anonymous = requests.get(f"{api.url}/aggregator/api/schema", timeout=HTTP_TIMEOUT)
    assert anonymous.status_code in (401, 403), anonymous.text


def check_users_and_roles(api: AirflowApi, passwords: dict[str, tuple[str, str]]) -> None:
    """Every printed password signs in; the schema is served; a viewer cannot unpause a DAG."""
    tokens = {name: api.token(name, password) for name, (password, _) in passwords.items()}
    schema = api.get(tokens["admin"], "/aggregator/api/schema")
    assert schema.status_code == 200, schema.text
    assert "https://json-schema.org" in schema.json()["$schema"]
    viewer = api.request(
        "PATCH", tokens["viewer"], f"/api/v2/dags/{next(iter(EXAMPLE_OUTPUTS))}", json={"is_paused": False}
    )
    assert viewer.status_code == 403, viewer.text


def check_outputs(dags: Path) -> None:
    """The outputs hold what the example functions compute from the sample data."""
    import pyarrow.parquet as pq

    orders = read_csv(dags / "data" / "orders.csv")
    regions = {row["customer_id"]: row["region"] for row in read_csv(dags / "data" / "customers.csv")}
    paid = [row for row in orders if row["status"] == "paid"]

    exported = read_csv(dags / "output" / "paid_orders.csv")
    expected_ids = {row["order_id"] for row in paid if float(row["amount"]) >= 50}
    assert expected_ids, "the sample data has paid orders of at least 50"
    assert {row["order_id"] for row in exported} == expected_ids

    revenue: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for row in paid:
        if row["customer_id"] in regions:
            revenue[regions[row["customer_id"]]] += float(row["amount"])
            counts[regions[row["customer_id"]]] += 1
    table = pq.read_table(dags / "output" / "revenue_by_region.parquet").to_pylist()
    assert {row["region"] for row in table} == set(revenue)
    for row in table:
        assert math.isclose(row["revenue"], revenue[row["region"]], rel_tol=1e-9), row
        assert row["orders"] == counts[row["region"]], row
    assert [row["revenue"] for row in table] == sorted((row["revenue"] for row in table), reverse=True)


def check_staging_removed(home: Path, runs: dict[str, list[dict[str, Any]]]) -> None:
    """Staged data of every successful run is removed by the DAG's success callback."""
    staging = home / "aggregator" / "staging"
    for dag_id, dag_runs in runs.items():
        assert (staging / safe_segment(dag_id)).is_dir(), f"{dag_id} staged nothing under {staging}"
        folders = [staging / safe_segment(dag_id) / safe_segment(run["dag_run_id"]) for run in dag_runs]
        # The callback runs in the DAG processor shortly after the run is marked successful.
        wait_for(
            lambda folders=folders: not any(folder.exists() for folder in folders) or None,
            timeout=90,
            what=f"staged data of {dag_id} to be removed: {[str(f) for f in folders if f.exists()]}",
        )


def check_all_gone(demo: DemoProcess, home: Path) -> None:
    """No component, no member of a component's process group, nothing using the home is left."""
    pids = demo.child_pids()
    wait_for(
        lambda: None if _leftovers(pids, home) else True,
        timeout=STOP_TIMEOUT,
        what="every demo process to end",
        on_timeout=lambda: f"still running: {_leftovers(pids, home)}",
    )


def _leftovers(pids: dict[str, int], home: Path) -> list[str]:
    left = [f"{name} (pid {pid})" for name, pid in pids.items() if process_alive(pid)]
    groups = set(pids.values())
    for pid, state, pgid in proc_table():
        if pgid in groups and state != "Z":
            left.append(f"pid {pid} in process group {pgid}")
    left.extend(f"pid {pid} with AIRFLOW_HOME={home}" for pid in processes_using_home(home))
    return sorted(set(left))


class DemoProcess:
    """``aggregator demo`` running as a subprocess, its output in files."""

    def __init__(self, home: Path, dags: Path, port: int, logs: Path) -> None:
        self.home = home
        self.dags = dags
        self.port = port
        self.stdout_path = logs / "demo.stdout"
        self.stderr_path = logs / "demo.stderr"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        aggregator = Path(sys.executable).with_name("aggregator")
        command = [str(aggregator)] if aggregator.exists() else [sys.executable, "-m", "dag_factory"]
        command += [
            "demo",
            "--home",
            str(self.home),
            "--dags",
            str(self.dags),
            "--plugins",
            str(REPO / "plugins"),
            "--port",
            str(self.port),
            "--timeout",
            str(STARTUP_TIMEOUT),
        ]
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.process = subprocess.Popen(
                command,
                cwd=REPO,
                env=isolated_environment(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_until_ready(self, timeout: float) -> str:
        """The URL printed once Airflow is healthy."""

        def ready() -> str | None:
            match = re.search(r"Airflow is ready at (\S+)", self.stdout())
            if match:
                return match.group(1)
            if not self.running():
                pytest.fail(f"the demo exited before it was ready\n{self.describe()}")
            return None

        return wait_for(ready, timeout=timeout, what="the demo to be ready", on_timeout=self.describe)

    def child_pids(self) -> dict[str, int]:
        """Component name to PID, from the demo's ``started <component> (pid N)`` lines."""
        found = re.findall(r"started (\S+) \(pid (\d+)\)", self.stderr())
        return {name: int(pid) for name, pid in found}

    def printed_passwords(self) -> dict[str, tuple[str, str]]:
        """User name to (password, role), as printed by the demo."""
        found = re.findall(r"^\s+(\w+)\s+password (\S+)\s+role (\w+)\s*$", self.stdout(), re.MULTILINE)
        return {name: (password, role) for name, password, role in found}

    def interrupt(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)

    def wait(self, timeout: float) -> int:
        assert self.process is not None
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the demo did not stop within {timeout:.0f} s\n{self.describe()}")

    def kill_everything(self) -> None:
        """Stop the demo, then SIGKILL whatever it started that is still there."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in self.child_pids().values():
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        for pid in processes_using_home(self.home):
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def describe(self) -> str:
        """The demo's output and the end of each component log, for failure messages."""
        parts = [f"--- demo stdout\n{self.stdout()}", f"--- demo stderr\n{self.stderr()}"]
        for log in sorted((self.home / "logs").glob("*.log")):
            tail = log.read_text(errors="replace").splitlines()[-20:]
            parts.append(f"--- {log}\n" + "\n".join(tail))
        return "\n".join(parts)


class AirflowApi:
    """Calls to Airflow's REST API with tokens from the FAB auth manager."""

    def __init__(self, url: str) -> None:
        self.url = url

    def token(self, username: str, password: str) -> str:
        response = requests.post(
            f"{self.url}/auth/token",
            json={"username": username, "password": password},
            timeout=HTTP_TIMEOUT,
        )
        assert response.status_code in (200, 201), f"{username} could not sign in: {response.text}"
        return str(response.json()["access_token"])

    def request(self, method: str, token: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"}
        return requests.request(method, f"{self.url}{path}", headers=headers, timeout=HTTP_TIMEOUT, **kwargs)

    def get(self, token: str, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", token, path, **kwargs)

    def ok_json(self, response: requests.Response) -> Any:
        assert response.ok, (
            f"{response.request.method} {response.url}: {response.status_code} {response.text}"
        )
        return response.json()

    def dag_ids(self, token: str) -> list[str]:
        return [dag["dag_id"] for dag in self.ok_json(self.get(token, "/api/v2/dags"))["dags"]]

    def import_errors(self, token: str) -> list[dict[str, Any]]:
        return self.ok_json(self.get(token, "/api/v2/importErrors"))["import_errors"]

    def unpause(self, token: str, dag_id: str) -> None:
        dag = self.ok_json(self.request("PATCH", token, f"/api/v2/dags/{dag_id}", json={"is_paused": False}))
        assert dag["is_paused"] is False

    def trigger(self, token: str, dag_id: str) -> str:
        path = f"/api/v2/dags/{dag_id}/dagRuns"
        run = self.ok_json(self.request("POST", token, path, json={"logical_date": None}))
        return str(run["dag_run_id"])

    def runs(self, token: str, dag_id: str) -> list[dict[str, Any]]:
        return self.ok_json(self.get(token, f"/api/v2/dags/{dag_id}/dagRuns"))["dag_runs"]

    def finished_run(self, token: str, dag_id: str, run_id: str) -> dict[str, Any] | None:
        run = self.ok_json(self.get(token, f"/api/v2/dags/{dag_id}/dagRuns/{run_id}"))
        return run if run["state"] in TERMINAL_RUN_STATES else None

    def settled(self, token: str, dag_id: str) -> bool:
        """No scheduled run is due any more and every run has finished."""
        dag = self.ok_json(self.get(token, f"/api/v2/dags/{dag_id}"))
        next_run = dag.get("next_dagrun_run_after")
        if next_run and datetime.fromisoformat(next_run) <= datetime.now(UTC):
            return False
        return all(run["state"] in TERMINAL_RUN_STATES for run in self.runs(token, dag_id))


def wait_for(
    check: Callable[[], T | None],
    *,
    timeout: float,
    what: str,
    interval: float = 2.0,
    on_timeout: Callable[[], str] | None = None,
) -> T:
    """Call ``check`` until it returns something other than ``None``; fail after ``timeout`` s."""
    deadline = time.monotonic() + max(timeout, 0.0)
    while True:
        result = check()
        if result is not None:
            return result
        if time.monotonic() >= deadline:
            detail = on_timeout() if on_timeout else ""
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{detail}")
        time.sleep(interval)


def isolated_environment() -> dict[str, str]:
    """This process's environment without any Airflow settings, and without colour."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AIRFLOW", "_AIRFLOW"))}
    env.update({"NO_COLOR": "1", "PYTHONUNBUFFERED": "1"})
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def mtime_ns(path: Path) -> int | None:
    return path.stat().st_mtime_ns if path.exists() else None


def proc_table() -> list[tuple[int, str, int]]:
    """(pid, state, process group) of every process, from ``/proc``."""
    table = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        table.append((int(entry.name), fields[0], int(fields[2])))
    return table


def process_alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def processes_using_home(home: Path) -> list[int]:
    """Processes whose environment names ``home`` as ``AIRFLOW_HOME``: only the demo's do."""
    marker = f"AIRFLOW_HOME={home}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def check_store_migrated(database: Path) -> None:
    """The demo migrated the pipeline store into Airflow's database, beside Airflow's tables."""
    import sqlite3

    with closing(sqlite3.connect(database)) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"dag", "aggregator_pipelines", "aggregator_pipeline_versions"} <= tables
        assert db.execute("SELECT count(*) FROM aggregator_alembic_version").fetchone() == (1,)
