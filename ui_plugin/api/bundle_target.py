"""Where publishing writes: the DAG bundle folder and the folder of specs inside it."""

from __future__ import annotations

from pathlib import Path


def publish_bundle() -> Path:
    """``[aggregator] publish_bundle_path``, or Airflow's ``[core] dags_folder`` when empty."""
    from airflow.configuration import conf

    configured = conf.get("aggregator", "publish_bundle_path", fallback="") or ""
    return Path(configured.strip() or conf.get("core", "dags_folder")).expanduser()


def publish_folder(requested: str | None = None) -> str:
    """The folder under ``<bundle>/pipelines/``: the requested one, else ``[aggregator] publish_folder``."""
    from airflow.configuration import conf

    if requested:
        return requested
    return (conf.get("aggregator", "publish_folder", fallback="main") or "main").strip() or "main"
