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
from pathlib import Path
from types import FrameType

from dag_factory.cli import exit_codes
from dag_factory.cli.local_airflow import LocalAirflow
from dag_factory.cli.supervisor import Supervisor
from dag_factory.cli.terminal import Terminal

DEMO_USERS = (("admin", "Admin"), ("editor", "Op"), ("viewer", "Viewer"))
COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "demo",
        help="start Airflow with the aggregator plugin and the example pipelines",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument("--home", default=".demo", metavar="DIR", help="Airflow home (default: %(default)s)")
    parser.add_argument("--dags", default="dags", metavar="DIR", help="DAG bundle (default: %(default)s)")
    parser.add_argument(
        "--plugins", default="plugins", metavar="DIR", help="plugins folder (default: %(default)s)"
    )
    parser.add_argument("--port", type=int, default=8080, help="API server port (default: %(default)s)")
    parser.add_argument("--host", default="127.0.0.1", help="API server address (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for start-up")
    parser.set_defaults(handler=run)


def demo_passwords(home: Path) -> dict[str, str]:
    """The demo users' passwords, generated once per home and kept in ``users.json``."""
    path = home / "users.json"
    if path.exists():
        return json.loads(path.read_text())
    passwords = {name: secrets.token_urlsafe(9) for name, _ in DEMO_USERS}
    path.write_text(json.dumps(passwords, indent=2))
    path.chmod(0o600)
    return passwords


def create_users(airflow: LocalAirflow, passwords: dict[str, str], terminal: Terminal) -> None:
    """Create the demo users that do not exist yet."""
    listing = airflow.run_command("users", "list", "--output", "json", log_name="users-list.log")
    del listing
    existing_log = (airflow.home / "logs" / "users-list.log").read_text()
    for name, role in DEMO_USERS:
        if f'"username": "{name}"' in existing_log:
            continue
        terminal.warn(f"  creating user {name} ({role})")
        airflow.run_command(
            "users",
            "create",
            "--username",
            name,
            "--password",
            passwords[name],
            "--role",
            role,
            "--firstname",
            name.capitalize(),
            "--lastname",
            "Demo",
            "--email",
            f"{name}@example.com",
            log_name=f"users-create-{name}.log",
        )


def wait_until_healthy(url: str, supervisor: Supervisor, timeout: float) -> str | None:
    """Poll Airflow's health endpoint; return an error message, or ``None`` once healthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dead = supervisor.exited()
        if dead:
            return f"{dead[0].name} exited during start-up; see {dead[0].log_path}"
        try:
            with urllib.request.urlopen(f"{url}/api/v2/monitor/health", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return None
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    return f"Airflow did not answer at {url} within {timeout:.0f} s"


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    home = Path(args.home).resolve()
    plugins = Path(args.plugins).resolve()
    airflow = LocalAirflow(
        home=home,
        dags_folder=Path(args.dags).resolve(),
        plugins_folder=plugins if plugins.is_dir() else None,
        port=args.port,
        host=args.host,
    )
    home.mkdir(parents=True, exist_ok=True)
    terminal.warn(f"Preparing Airflow in {home} ...")
    try:
        airflow.migrate()
        passwords = demo_passwords(home)
        create_users(airflow, passwords, terminal)
    except RuntimeError as error:
        terminal.error(str(error))
        return exit_codes.FAILED
    supervisor = Supervisor()
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        for component in COMPONENTS:
            extra = (
                ["--port", str(args.port), "--host", args.host, "--workers", "1"]
                if component == "api-server"
                else []
            )
            child = supervisor.start(
                component,
                airflow.command(component, *extra),
                airflow.environment(),
                home / "logs" / f"{component}.log",
            )
            terminal.warn(f"  started {component} (pid {child.process.pid})")
        problem = wait_until_healthy(airflow.url, supervisor, args.timeout)
        if problem:
            terminal.error(problem)
            return exit_codes.FAILED
        _print_welcome(terminal, airflow, passwords)
        while not supervisor.exited():
            time.sleep(1)
        dead = supervisor.exited()[0]
        terminal.error(f"{dead.name} stopped unexpectedly; see {dead.log_path}")
        return exit_codes.FAILED
    except KeyboardInterrupt:
        terminal.warn("\nStopping Airflow ...")
        return exit_codes.OK
    finally:
        supervisor.stop()
        signal.signal(signal.SIGTERM, previous)
        terminal.warn("All demo processes stopped.")


def _print_welcome(terminal: Terminal, airflow: LocalAirflow, passwords: dict[str, str]) -> None:
    terminal.say("")
    terminal.say(terminal.paint(f"Airflow is ready at {airflow.url}", "green"))
    terminal.say("Sign in as:")
    for name, role in DEMO_USERS:
        terminal.say(f"  {name:<7} password {passwords[name]:<14} ({role})")
    terminal.say(f"Example pipelines: {airflow.dags_folder / 'pipelines' / 'examples'}")
    terminal.say(f"Logs: {airflow.home / 'logs'}    Stop with Ctrl-C.")
    terminal.say("READY")
