"""Remove a run's staged data once the run has succeeded."""

from __future__ import annotations

import logging
from typing import Any

from providers.staging.location import run_folder

log = logging.getLogger(__name__)


def remove_run_staging(dag_id: str, run_id: str) -> bool:
    """Delete the staging folder of one run; return whether there was one."""
    folder = run_folder(dag_id, run_id)
    if not folder.exists():
        return False
    folder.fs.rm(folder.path, recursive=True)
    log.info("Removed staged data of %s/%s at %s", dag_id, run_id, folder)
    return True


def cleanup_staging_on_success(context: Any) -> None:
    """DAG ``on_success_callback``: staged data of a failed run is kept for inspection."""
    run = context["dag_run"]
    remove_run_staging(run.dag_id, run.run_id)
