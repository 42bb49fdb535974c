"""Start long-running processes, watch them, and stop every one of them by its PID."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Supervised:
    """One started process and where its output goes."""

    name: str
    process: subprocess.Popen[bytes]
    log_path: Path


@dataclass
class Supervisor:
    """Owns a set of child processes; each runs in its own process group."""

    children: list[Supervised] = field(default_factory=list)

    def start(self, name: str, command: list[str], env: dict[str, str], log_path: Path) -> Supervised:
        """Start ``command`` with output to ``log_path``, in a new session (process group)."""
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                command,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        child = Supervised(name, process, log_path)
        self.children.append(child)
        return child

    def exited(self) -> list[Supervised]:
        """Children that are no longer running."""
        return [child for child in self.children if child.process.poll() is not None]

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM each child's process group, wait, then SIGKILL whatever is left."""
        for child in self.children:
            _signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in self.children:
            remaining = max(0.1, deadline - time.monotonic())
            try:
                child.process.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                pass
        for child in self.children:
            # The group may outlive its leader (executor workers), so it is signalled anyway.
            _signal_group(child.process, signal.SIGKILL)
            if child.process.poll() is None:
                child.process.wait()


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
