"""``aggregator demo``: Airflow with the plugin and the example pipelines, on this machine.

Starts the API server, scheduler, DAG processor and triggerer on SQLite with the
LocalExecutor and the FAB auth manager; creates the users admin, editor and viewer.
Ctrl-C (or SIGTERM) stops every process it started.
"""

from __future__ import annotations

import argparse
import json
import secrets
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from dag_factory.cli import exit_codes
from dag_factory.cli.local_airflow import LocalAirflow, free_port, listen_problem
from dag_factory.cli.supervisor import Supervisor
from dag_factory.cli.terminal import Terminal

DEMO_USERS = (("admin", "Admin"), ("editor", "Op"), ("viewer", "Viewer"))
"""User names and the FAB roles they get."""
COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")
"""The ``airflow`` commands started, in this order."""
HEALTH_CHECKS = ("metadatabase", "scheduler", "triggerer", "dag_processor")
"""Parts of ``/api/v2/monitor/health`` that must be healthy before the demo is ready."""
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``aggregator demo`` and its options."""
    parser = commands.add_parser(
        "demo",
        help="start Airflow with the aggregator plugin and the example pipelines",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
    )
    parser.add_argument("--home", default=".demo", metavar="DIR", help="Airflow home (default: %(default)s)")
    parser.add_argument("--dags", default="dags", metavar="DIR", help="DAG bundle (default: %(default)s)")
    parser.add_argument(
        "--plugins", default="plugins", metavar="DIR", help="plugins folder (default: %(default)s)"
    )
    parser.add_argument("--port", type=int, default=8080, help="API server port (default: %(default)s)")
    parser.add_argument("--host", default="127.0.0.1", help="API server address (default: %(default)s)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=240,
        metavar="SECONDS",
        help="how long to wait for Airflow to become healthy (default: %(default)s)",
    )
    parser.set_defaults(handler=run)


def demo_passwords(home: Path) -> tuple[dict[str, str], set[str]]:
    """The demo users' passwords, kept in ``home/users.json``, and the names given one just now."""
    path = home / "users.json"
    try:
        stored = json.loads(path.read_text())
    except (OSError, ValueError):
        stored = {}
    passwords = {name: stored[name] for name, _ in DEMO_USERS if isinstance(stored.get(name), str)}
    new = {name for name, _ in DEMO_USERS if name not in passwords}
    if new:
        passwords.update({name: secrets.token_urlsafe(9) for name in new})
        path.write_text(json.dumps(passwords, indent=2) + "\n")
        path.chmod(0o600)
    return passwords, new


def ensure_users(airflow: LocalAirflow, passwords: dict[str, str], new: set[str], terminal: Terminal) -> None:
    """Create the demo users that do not exist; give existing ones a password made just now."""
    existing = {user.get("username") for user in airflow.users()}
    for name, role in DEMO_USERS:
        if name not in existing:
            terminal.warn(f"  creating user {name} ({role})")
            airflow.create_user(name, passwords[name], role)
        elif name in new:
            terminal.warn(f"  setting a new password for {name}")
            airflow.reset_password(name, passwords[name])


def health(url: str) -> dict[str, Any] | None:
    """Airflow's health report, or ``None`` while the API server does not answer."""
    try:
        with urllib.request.urlopen(f"{url}/api/v2/monitor/health", timeout=5) as response:  # noqa: S310
            report = json.load(response)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def unhealthy(report: dict[str, Any] | None) -> list[str]:
    """The parts of a health report that are not healthy yet (all of them without a report)."""
    if report is None:
        return ["api-server"]
    return [
        name
        for name in HEALTH_CHECKS
        if not isinstance(report.get(name), dict) or report[name].get("status") != "healthy"
    ]


def wait_until_healthy(url: str, supervisor: Supervisor, timeout: float) -> str | None:
    """Poll Airflow's health endpoint; return an error message, or ``None`` once all is healthy."""
    deadline = time.monotonic() + timeout
    waiting = ["api-server"]
    while time.monotonic() < deadline:
        dead = supervisor.exited()
        if dead:
            child = dead[0]
            return (
                f"{child.name} exited during start-up (exit code {child.process.returncode}); "
                f"see {child.log_path}"
            )
        waiting = unhealthy(health(url))
        if not waiting:
            return None
        time.sleep(1)
    return f"Airflow at {url} was not healthy within {timeout:.0f} s (waiting for {', '.join(waiting)})"


class _StopRequests:
    """Turns Ctrl-C, SIGTERM and SIGHUP into ``KeyboardInterrupt``, once.

    A second signal while stopping makes the supervisor kill at once instead of waiting.
    Inside :meth:`deferred` the first signal is held back until the block has finished,
    so that a process is never started without being recorded for stopping.
    """

    def __init__(self, supervisor: Supervisor) -> None:
        self.supervisor = supervisor
        self.requested = False
        self._deferring = False
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        for sig in STOP_SIGNALS:
            self._previous[sig] = signal.signal(sig, self._handle)

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            self.supervisor.hurry()
            return
        self.requested = True
        if not self._deferring:
            raise KeyboardInterrupt

    @contextmanager
    def deferred(self) -> Iterator[None]:
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
        if self.requested:
            raise KeyboardInterrupt


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    """Prepare and start Airflow, report where to sign in, and keep it running until stopped."""
    home = Path(args.home).resolve()
    dags = Path(args.dags).resolve()
    plugins = Path(args.plugins).resolve()
    if not dags.is_dir():
        terminal.error(f"DAG folder {dags} does not exist (choose one with --dags)")
        return exit_codes.USAGE
    problem = listen_problem(args.host, args.port)
    if problem:
        terminal.error(f"cannot serve on {args.host}:{args.port}: {problem} (choose another with --port)")
        return exit_codes.FAILED
    airflow = LocalAirflow(
        home=home,
        dags_folder=dags,
        plugins_folder=plugins if plugins.is_dir() else None,
        port=args.port,
        host=args.host,
        worker_log_port=free_port(),
        trigger_log_port=free_port(),
    )
    supervisor = Supervisor()
    stop_requests = _StopRequests(supervisor)
    stop_requests.install()
    try:
        return _run(airflow, supervisor, stop_requests, args.timeout, terminal)
    except KeyboardInterrupt:
        terminal.warn("\nStopping Airflow ...")
        return exit_codes.OK
    finally:
        stop_requests.requested = True
        supervisor.stop()
        stop_requests.restore()
        if supervisor.children:
            terminal.warn("All demo processes stopped.")


def _run(
    airflow: LocalAirflow,
    supervisor: Supervisor,
    stop_requests: _StopRequests,
    timeout: float,
    terminal: Terminal,
) -> int:
    terminal.warn(f"Preparing Airflow in {airflow.home} ...")
    try:
        airflow.migrate(store=True)
        passwords, new = demo_passwords(airflow.home)
        ensure_users(airflow, passwords, new, terminal)
    except RuntimeError as error:
        terminal.error(str(error))
        return exit_codes.FAILED
    env = airflow.environment()
    for component in COMPONENTS:
        extra = ["--port", str(airflow.port), "--host", airflow.host, "--workers", "1"]
        log_path = airflow.logs / f"{component}.log"
        command = airflow.command(component, *(extra if component == "api-server" else []))
        with stop_requests.deferred():
            child = supervisor.start(component, command, env, log_path, cwd=airflow.home)
        terminal.warn(f"  started {component} (pid {child.pid})")
    terminal.warn(f"Waiting for Airflow to become healthy at {airflow.url} ...")
    problem = wait_until_healthy(airflow.url, supervisor, timeout)
    if problem:
        terminal.error(f"{problem}\nComponent logs are in {airflow.logs}")
        return exit_codes.FAILED
    _print_welcome(terminal, airflow, passwords)
    while not supervisor.exited():
        time.sleep(1)
    dead = supervisor.exited()[0]
    terminal.error(
        f"{dead.name} stopped unexpectedly (exit code {dead.process.returncode}); see {dead.log_path}"
    )
    terminal.warn("Stopping the other components ...")
    return exit_codes.FAILED


def _print_welcome(terminal: Terminal, airflow: LocalAirflow, passwords: dict[str, str]) -> None:
    width = max(len(password) for password in passwords.values())
    terminal.say("")
    terminal.say(terminal.paint(f"Airflow is ready at {airflow.url}", "green"))
    terminal.say("")
    terminal.say("Sign in as:")
    for name, role in DEMO_USERS:
        terminal.say(f"  {name:<7}  password {passwords[name]:<{width}}  role {role}")
    terminal.say(f"  (passwords are kept in {airflow.home / 'users.json'})")
    terminal.say("")
    examples = airflow.dags_folder / "pipelines" / "examples"
    if examples.is_dir():
        terminal.say(f"Example pipelines: {examples}")
        terminal.say("  They start paused: unpause or trigger them on the Dags page.")
    else:
        terminal.say(f"DAGs: {airflow.dags_folder}")
    terminal.say(f"Logs: {airflow.logs}")
    terminal.say("")
    terminal.say("Press Ctrl-C to stop Airflow.")
