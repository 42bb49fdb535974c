"""Seed the store through its own API: pipelines of 10 nodes, each with a history of versions.

Every pipeline is the parsing benchmark's 10-node shape (``parse_bundles.spec_data``);
version ``n`` changes one callable's argument and the description, so a diff between the
first and the last version has something to show.
"""

from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from parse_bundles import spec_data

ACTOR = "bench"
SEED_THREADS = 4


def version_data(number: int, version: int) -> dict[str, Any]:
    """Spec data of pipeline ``number`` at ``version`` (1-based)."""
    data = copy.deepcopy(spec_data(number))
    data["description"] = f"Joins two files and reduces the result in seven steps (revision {version})."
    data["nodes"][3]["config"]["kwargs"]["min_amount"] = version
    return data


def seed_pipeline(store: Any, number: int, versions: int) -> None:
    """Create pipeline ``number`` (version 1), then save and commit ``versions - 1`` drafts."""
    from dag_factory.spec.models import PipelineSpec

    record = store.pipelines.create(PipelineSpec.model_validate(version_data(number, 1)), actor=ACTOR)
    row_version = record.row_version
    for version in range(2, versions + 1):
        spec = PipelineSpec.model_validate(version_data(number, version))
        row_version = store.pipelines.save_draft(
            spec, expected_row_version=row_version, actor=ACTOR
        ).row_version
        store.versions.commit(spec.id, author=ACTOR, message=f"min_amount {version}")


def seed_store(url: str, pipelines: int, versions: int) -> None:
    """Migrate the store at ``url`` and fill it; a few threads share the work."""
    from ui_plugin.store.database import store_engine
    from ui_plugin.store.migration import migrate
    from ui_plugin.store.store import Store

    engine = store_engine(url)
    try:
        migrate(engine)
        store = Store.over(engine)
        with ThreadPoolExecutor(SEED_THREADS) as pool:
            list(pool.map(lambda number: seed_pipeline(store, number, versions), range(1, pipelines + 1)))
    finally:
        engine.dispose()


def latest_specs(pipelines: int, versions: int) -> list[Any]:
    """The last version of every seeded pipeline, as the specs to publish."""
    from dag_factory.spec.models import PipelineSpec

    return [PipelineSpec.model_validate(version_data(number, versions)) for number in range(1, pipelines + 1)]
