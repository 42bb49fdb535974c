"""Start long-running processes, watch them, and stop every one of them by its PID.

Each child runs in a session of its own, so a Ctrl-C in the terminal reaches only the
supervising process, which then stops the children in order. Stopping signals each child's
process group and also every descendant seen at that moment: Airflow puts task processes
in process groups of their own, so signalling the groups alone could miss them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

_POLL_SECONDS = 0.2


@dataclass
class Supervised:
    """One started process and where its output goes."""

    name: str
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def pid(self) -> int:
        """The process id, which is also the id of its process group."""
        return self.process.pid


@dataclass
class Supervisor:
    """Owns a set of child processes; each runs in its own session and process group."""

    children: list[Supervised] = field(default_factory=list)
    _hurry: bool = field(default=False, init=False, repr=False)

    def start(
        self,
        name: str,
        command: list[str],
        env: dict[str, str],
        log_path: Path,
        cwd: Path | None = None,
    ) -> Supervised:
        """Start ``command`` with output appended to ``log_path``, in a new session."""
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                command,
                env=env,
                cwd=cwd,
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

    def hurry(self) -> None:
        """Make a running or later :meth:`stop` kill at once instead of waiting (second Ctrl-C)."""
        self._hurry = True

    def stop(self, timeout: float = 30.0) -> None:
        """Stop every child and everything it started.

        SIGTERM goes to each child's process group and to every descendant found now;
        whatever is still running after ``timeout`` seconds (or as soon as :meth:`hurry`
        is called) gets SIGKILL. Returns once all of them are gone.
        """
        descendants = self._descendants()
        for child in self.children:
            _signal_group(child, signal.SIGTERM)
        for process in descendants:
            _signal_process(process, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self._hurry:
            if not self._running(descendants):
                return
            time.sleep(_POLL_SECONDS)
        self._kill(descendants)

    def _descendants(self) -> list[psutil.Process]:
        """Every process below the children, including those in other process groups."""
        found: list[psutil.Process] = []
        for child in self.children:
            if child.process.poll() is not None:
                continue
            try:
                found.extend(psutil.Process(child.pid).children(recursive=True))
            except psutil.Error:
                continue
        return found

    def _running(self, descendants: list[psutil.Process]) -> bool:
        """Whether any child, any member of a child's process group, or a descendant is left."""
        leaders = [child.process.poll() is None for child in self.children]
        groups = [_group_exists(child) for child in self.children]
        others = [_alive(process) for process in descendants]
        return any(leaders) or any(groups) or any(others)

    def _kill(self, descendants: list[psutil.Process]) -> None:
        """SIGKILL what is left, then reap the children."""
        for _ in range(50):
            for child in self.children:
                _signal_group(child, signal.SIGKILL)
            for process in descendants:
                _signal_process(process, signal.SIGKILL)
            for child in self.children:
                if child.process.poll() is None:
                    try:
                        child.process.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        pass
            if not self._running(descendants):
                return
            time.sleep(_POLL_SECONDS)


def _signal_group(child: Supervised, sig: int) -> None:
    """Signal the child's process group; it may outlive its leader (executor workers)."""
    try:
        os.killpg(child.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _group_exists(child: Supervised) -> bool:
    """Whether the child's process group still has a member (the leader is reaped first)."""
    child.process.poll()
    try:
        os.killpg(child.pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _signal_process(process: psutil.Process, sig: int) -> None:
    """Signal one process, unless it has exited (psutil guards against a reused PID)."""
    try:
        process.send_signal(sig)
    except psutil.Error:
        pass


def _alive(process: psutil.Process) -> bool:
    """Whether ``process`` is running: a zombie waits only to be reaped by its parent."""
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
