"""Exit codes of the ``aggregator`` command."""

OK = 0
"""The command did what was asked."""
FAILED = 1
"""Invalid specs, a failed pipeline run, or a component that would not start."""
USAGE = 2
"""The command line itself was wrong (unknown option, missing file argument)."""
