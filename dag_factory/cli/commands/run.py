"""``aggregator run SPEC``: run a pipeline once, locally, through Airflow's ``dag.test()``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from dag_factory.cli import exit_codes
from dag_factory.cli.local_airflow import LocalAirflow
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError
from dag_factory.spec.parsing import load_spec_file

RUN_LOADER = '''\
"""Airflow DAG loader of `aggregator run` (airflow-aggregator): one spec file."""

from pathlib import Path

from dag_factory.bundle.loader import load_spec_paths

load_spec_paths([Path({spec!r})], __file__, globals(), label="aggregator run")
'''


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run",
        help="run a pipeline once on this machine with Airflow's dag.test()",
        description=(
            "Run SPEC once in a private local Airflow (SQLite under --home, created on first "
            "use). Relative paths in the spec resolve against the spec's folder."
        ),
    )
    parser.add_argument("spec", metavar="SPEC", help="spec file")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="run parameter (JSON value or text); repeatable",
    )
    parser.add_argument(
        "--home",
        default=str(default_run_home()),
        metavar="DIR",
        help="Airflow home used for local runs (default: %(default)s)",
    )
    parser.add_argument(
        "--plugins",
        metavar="DIR",
        help="plugins folder with code the spec uses (default: ./plugins if present)",
    )
    parser.set_defaults(handler=run)


def default_run_home() -> Path:
    """``$XDG_CACHE_HOME/airflow-aggregator/run`` (or under ``~/.cache``)."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(cache) / "airflow-aggregator" / "run"


def parse_params(pairs: list[str]) -> dict[str, object]:
    """``KEY=VALUE`` pairs; values that parse as JSON are taken as JSON."""
    params: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--param {pair!r} must look like KEY=VALUE")
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return params


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    spec_path = Path(args.spec).resolve()
    try:
        spec = load_spec_file(spec_path)
        params = parse_params(args.param)
    except SpecError as error:
        terminal.say(error.describe())
        return exit_codes.FAILED
    except ValueError as error:
        terminal.error(str(error))
        return exit_codes.USAGE
    plugins = Path(args.plugins) if args.plugins else Path("plugins")
    home = Path(args.home).resolve()
    airflow = LocalAirflow(
        home=home, dags_folder=home / "dags", plugins_folder=plugins.resolve() if plugins.is_dir() else None
    )
    if not airflow.database.exists():
        terminal.warn(f"Creating a local Airflow database in {home} (first run only) ...")
        try:
            airflow.migrate(store=False)
        except RuntimeError as error:
            terminal.error(str(error))
            return exit_codes.FAILED
    airflow.dags_folder.mkdir(parents=True, exist_ok=True)
    for old in airflow.dags_folder.glob("*.py"):
        old.unlink()
    (airflow.dags_folder / "aggregator_run.py").write_text(RUN_LOADER.format(spec=str(spec_path)))
    terminal.warn(f"Running {spec.id} (version {spec.content_hash[:12]}) ...")
    command = [sys.executable, "-m", "dag_factory.cli.dag_test", spec.id, json.dumps(params)]
    # The run replaces this process: nothing is left waiting beside it holding the validator's
    # memory, and its exit status (0 success, 1 failure) is the command's.
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, command, airflow.environment())  # noqa: S606 - our own interpreter
