"""Run one command and measure it: wall time, peak RSS of its process tree and of its largest process."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

GNU_TIME = "/usr/bin/time"
SAMPLE_SECONDS = 0.05
MIB = 2**20


class LoadBenchmarkError(RuntimeError):
    """A load failed, or the table does not hold what the file held."""


@dataclass(frozen=True)
class CommandRun:
    """What one command cost.

    :param seconds: Wall-clock time from start to exit.
    :param tree_peak_mib: Highest sum of RSS over the command and all its descendants, sampled
        every 50 ms (shared pages of forked processes are counted once per process).
    :param process_peak_mib: Highest RSS of any single process in the tree, exact: the kernel's
        ``ru_maxrss`` of the command and the descendants it waited for, as GNU ``time`` reports it.
        The command is started by ``time`` rather than by this (large) Python process, because
        Linux counts the memory of the forking process in the child's ``ru_maxrss``.
    :param log: File holding the command's output.
    :param samples: ``(unix time, tree RSS in bytes)`` of every sample.
    """

    seconds: float
    tree_peak_mib: float
    process_peak_mib: float
    log: Path
    samples: list[tuple[float, int]]

    def tree_peak_between(self, start: float, end: float) -> float:
        """Peak tree RSS (MiB) sampled between two unix times."""
        inside = [rss for at, rss in self.samples if start <= at <= end]
        return max(inside, default=0) / MIB


class _TreeSampler(threading.Thread):
    """Sums the RSS of the descendants of a process every ``SAMPLE_SECONDS`` until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.samples: list[tuple[float, int]] = []
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.is_set():
            total = 0
            try:
                processes = self.root.children(recursive=True)
            except psutil.Error:
                processes = []
            for process in processes:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self.samples.append((time.time(), total))
            self.finished.wait(SAMPLE_SECONDS)


def measure_command(
    command: list[str], log: Path, *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> CommandRun:
    """Run ``command`` to completion (output to ``log``); fail loudly on a non-zero exit."""
    log.parent.mkdir(parents=True, exist_ok=True)
    maxrss = log.with_suffix(".maxrss")
    timed = [GNU_TIME, "--format", "%M", "--output", str(maxrss), *command]
    with log.open("w") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            timed, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        sampler = _TreeSampler(process.pid)
        sampler.start()
        process.wait()
        seconds = time.perf_counter() - started
        sampler.finished.set()
        sampler.join()
    if process.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-25:])
        raise LoadBenchmarkError(f"{command[0]} … exited with {process.returncode}; end of {log}:\n{tail}")
    return CommandRun(
        seconds=seconds,
        tree_peak_mib=sampler.peak / MIB,
        process_peak_mib=int(maxrss.read_text().split()[-1]) * 1024 / MIB,
        log=log,
        samples=sampler.samples,
    )
