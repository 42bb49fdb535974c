"""Failure injection for crash-and-retry tests; inert unless the test variable is set.

``AGGREGATOR_SQL_TEST_FAIL_AT`` is ``copy:<n>`` (after ``n`` batches reached the staging
table) or ``apply`` (after the load was applied, before its commit).
``AGGREGATOR_SQL_TEST_FAIL_HOW`` is ``raise`` (default) or ``kill`` (SIGKILL this process).
"""

from __future__ import annotations

import os
import signal

FAIL_AT = "AGGREGATOR_SQL_TEST_FAIL_AT"
FAIL_HOW = "AGGREGATOR_SQL_TEST_FAIL_HOW"


class InjectedFailureError(RuntimeError):
    """Raised at a failure point chosen by a test."""


def reached(point: str) -> None:
    """Fail here if a test asked for a failure at ``point``."""
    if os.environ.get(FAIL_AT) != point:
        return
    if os.environ.get(FAIL_HOW) == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    raise InjectedFailureError(f"injected failure at {point}")
