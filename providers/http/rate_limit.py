"""Client-side pacing: at most N request starts per second."""

from __future__ import annotations

import time
from collections.abc import Callable


class RateLimiter:
    """Spaces request starts at least ``1 / requests_per_second`` apart (``None``: no limit)."""

    def __init__(
        self,
        requests_per_second: float | None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / requests_per_second if requests_per_second else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next_start: float | None = None
        self.waited_seconds = 0.0

    def delay(self) -> float:
        """Seconds to wait before the next request may start."""
        if self._next_start is None:
            return 0.0
        return max(0.0, self._next_start - self._clock())

    def wait(self) -> None:
        """Block until the next request may start, and book that start."""
        pause = self.delay()
        if pause > 0:
            self._sleep(pause)
            self.waited_seconds += pause
        self._next_start = self._clock() + self.interval
