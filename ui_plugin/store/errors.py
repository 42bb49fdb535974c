"""Typed errors of the store; the REST layer maps each to a 4xx response."""

from __future__ import annotations


class StoreError(Exception):
    """Base of the store's errors; ``field`` names what the caller should fix."""

    field: str = "id"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(StoreError):
    """No such pipeline, version or template."""

    def __init__(self, entity: str, entity_id: str, field: str = "id") -> None:
        super().__init__(f"{entity} {entity_id!r} does not exist")
        self.entity = entity
        self.entity_id = entity_id
        self.field = field


class AlreadyExistsError(StoreError):
    """An id that is taken, also by a deleted pipeline (restore it instead)."""

    def __init__(self, entity: str, entity_id: str, hint: str = "") -> None:
        super().__init__(f"{entity} {entity_id!r} already exists{hint}")
        self.entity = entity
        self.entity_id = entity_id


class ConflictError(StoreError):
    """The row changed since the caller read it: reload, reapply, retry."""

    field = "row_version"

    def __init__(self, pipeline_id: str, expected: int, current: int) -> None:
        super().__init__(
            f"pipeline {pipeline_id!r} was changed by someone else: you edited row version {expected}, "
            f"it is now {current}; reload it and apply your change again"
        )
        self.pipeline_id = pipeline_id
        self.expected = expected
        self.current = current


class PipelineDeletedError(StoreError):
    """A change to a soft-deleted pipeline: restore it first."""

    def __init__(self, pipeline_id: str) -> None:
        super().__init__(f"pipeline {pipeline_id!r} is deleted; restore it before changing it")
        self.pipeline_id = pipeline_id


class InvalidInputError(StoreError):
    """A parameter the store cannot accept (a list limit out of range, a spec for another id)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def storable_id(entity: str, entity_id: str, field: str = "id") -> str:
    """``entity_id`` when a database can hold it; an id with a NUL character cannot exist."""
    if "\x00" in entity_id:
        raise NotFoundError(entity, entity_id, field)
    return entity_id
