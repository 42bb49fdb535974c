"""``Store``: the store's repositories over one engine, as the REST routes use them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from ui_plugin.store.audit import AuditLog
from ui_plugin.store.database import session_factory, store_engine
from ui_plugin.store.pipelines import PipelineRepository
from ui_plugin.store.publications import PublicationRepository
from ui_plugin.store.search import StoreSearch
from ui_plugin.store.templates import TemplateRepository
from ui_plugin.store.versions import VersionRepository


@dataclass(frozen=True)
class Store:
    """Every repository of the store, sharing one engine."""

    engine: Engine
    pipelines: PipelineRepository
    versions: VersionRepository
    publications: PublicationRepository
    templates: TemplateRepository
    audit: AuditLog
    search: StoreSearch

    @classmethod
    def connect(cls, url: str | None = None) -> Store:
        """The store at ``url``, or in Airflow's metadata database; it must be migrated."""
        return cls.over(store_engine(url))

    @classmethod
    def over(cls, engine: Engine) -> Store:
        """The store using an existing engine."""
        sessions = session_factory(engine)
        return cls(
            engine=engine,
            pipelines=PipelineRepository(sessions),
            versions=VersionRepository(sessions),
            publications=PublicationRepository(sessions),
            templates=TemplateRepository(sessions),
            audit=AuditLog(sessions),
            search=StoreSearch(sessions),
        )
