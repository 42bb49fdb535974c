"""Run the Playwright scripts of this folder with Node.js and the system's Chromium.

Each script takes its options as one JSON argument and prints its report as the last line
of its output, one JSON object.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ui_plugin.api.routes.frontend import FRONTEND_DIST

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "docs" / "images"
"""The screenshots of the documentation, refreshed by the browser tests."""


def chromium() -> str:
    """The system's Chromium (Debian's package), which Playwright drives."""
    path = shutil.which("chromium")
    assert path, "Chromium is needed for browser tests: apt-get install -y chromium"
    return path


def node() -> str:
    """Node.js, once the UI is built and its npm packages (Playwright's client) are installed."""
    path = shutil.which("node")
    assert path, "Node.js is needed for browser tests: apt-get install -y nodejs npm"
    assert (REPO / "ui_plugin/frontend/node_modules/playwright-core").is_dir(), "run `make ui` first"
    assert (FRONTEND_DIST / "aggregator.js").is_file(), "run `make ui` first"
    return path


def run_script(name: str, options: dict[str, Any], *, timeout: float, log: Path) -> dict[str, Any]:
    """Run ``name`` (a script of this folder) with ``options`` and return its report.

    A failure shows the script's output and where the API server's log is.
    """
    script = Path(__file__).with_name(name)
    result = subprocess.run(
        [node(), str(script), json.dumps({"chromium": chromium(), **options})],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{result.stderr}\n{result.stdout}\napi-server log: {log}"
    return json.loads(result.stdout.strip().splitlines()[-1])
