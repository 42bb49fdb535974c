"""Built-in and stored templates as one catalogue: built-ins first, then stored ones by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dag_factory.templates import PipelineTemplate
    from ui_plugin.store.records import TemplateRecord
    from ui_plugin.store.store import Store


@dataclass(frozen=True)
class CatalogEntry:
    """A template and, for a stored one, its store record (``None`` for a built-in)."""

    template: PipelineTemplate
    record: TemplateRecord | None = None


@dataclass(frozen=True)
class CatalogPage:
    """One page of the catalogue and how many templates there are in all."""

    entries: list[CatalogEntry]
    total: int


def is_builtin(template_id: str) -> bool:
    """Whether a built-in template has this id."""
    from dag_factory.templates import builtin_templates

    return template_id in builtin_templates()


def stored_template(record: TemplateRecord) -> PipelineTemplate:
    """The template a store record holds."""
    from dag_factory.templates import parse_template

    data = {
        "id": record.id,
        "title": record.title,
        "description": record.description,
        "parameters": record.parameters,
        "spec": record.spec,
    }
    return parse_template(data, source=f"template '{record.id}'")


def find_template(store: Store, template_id: str) -> CatalogEntry:
    """The built-in or stored template ``template_id``; the store's ``NotFoundError`` if neither."""
    from dag_factory.templates import builtin_templates

    builtin = builtin_templates().get(template_id)
    if builtin is not None:
        return CatalogEntry(builtin)
    record = store.templates.get(template_id)
    return CatalogEntry(stored_template(record), record)


def catalog_page(store: Store, *, limit: int, offset: int) -> CatalogPage:
    """Templates ``offset`` to ``offset + limit``: built-ins (by file name), then stored ones by id."""
    from dag_factory.templates import builtin_templates

    builtins = list(builtin_templates().values())
    entries = [CatalogEntry(template) for template in builtins[offset : offset + limit]]
    stored = store.templates.list(limit=limit - len(entries), offset=max(0, offset - len(builtins)))
    entries += [CatalogEntry(stored_template(record), record) for record in stored.items]
    return CatalogPage(entries, len(builtins) + stored.total)
