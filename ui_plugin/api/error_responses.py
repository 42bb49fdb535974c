"""One JSON error shape for every 4xx the API answers, and the handlers that produce it.

Every error body is ``{"detail": {"error": <code>, "message": <text>, "field": <name>}}``;
spec problems add ``"errors": [{"path", "message", "line", "column"}, ...]``, all of them.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from dag_factory.spec.errors import SpecError, format_path
from ui_plugin.store.errors import (
    AlreadyExistsError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PipelineDeletedError,
    StoreError,
)

_STORE_STATUS: tuple[tuple[type[StoreError], int, str], ...] = (
    (NotFoundError, status.HTTP_404_NOT_FOUND, "not_found"),
    (AlreadyExistsError, status.HTTP_409_CONFLICT, "already_exists"),
    (ConflictError, status.HTTP_409_CONFLICT, "stale_row_version"),
    (PipelineDeletedError, status.HTTP_409_CONFLICT, "pipeline_deleted"),
    (InvalidInputError, status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_input"),
)


class ApiError(HTTPException):
    """A 4xx with the API's JSON error body; raise it from routes for their own checks."""

    def __init__(
        self, status_code: int, error: str, message: str, field: str | None = None, **extra: Any
    ) -> None:
        super().__init__(status_code=status_code, detail=error_body(error, message, field, **extra))


def error_body(error: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    """The ``detail`` object of an error response."""
    return {"error": error, "message": message, "field": field, **extra}


def spec_error_body(error: SpecError, field: str = "spec") -> dict[str, Any]:
    """The ``detail`` of an invalid spec: every issue with its path, under ``field``."""
    first = error.issues[0] if error.issues else None
    return error_body(
        "invalid_spec",
        f"the spec has {len(error.issues)} problem(s): {first.format() if first else error}",
        f"{field}.{first.location}" if first and first.path else field,
        errors=[issue.to_dict() for issue in error.issues],
    )


def store_error_status(error: StoreError) -> tuple[int, str]:
    """The HTTP status and error code of a store error."""
    for kind, status_code, code in _STORE_STATUS:
        if isinstance(error, kind):
            return status_code, code
    return status.HTTP_400_BAD_REQUEST, "bad_request"


async def _store_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StoreError)
    status_code, code = store_error_status(error)
    extra: dict[str, Any] = {}
    if isinstance(error, ConflictError):
        extra["current_row_version"] = error.current
    return JSONResponse(
        {"detail": error_body(code, error.message, error.field, **extra)}, status_code=status_code
    )


async def _spec_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, SpecError)
    return JSONResponse({"detail": spec_error_body(error)}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    issues = [
        {
            "path": format_path([part for part in item.get("loc", ()) if isinstance(part, str | int)]),
            "message": item.get("msg", ""),
        }
        for item in error.errors()
    ]
    first = issues[0] if issues else {"path": "", "message": "invalid request"}
    return JSONResponse(
        {
            "detail": error_body(
                "invalid_request", f"{first['path']}: {first['message']}", first["path"], errors=issues
            )
        },
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )


async def _database_refused_value(_request: Request, error: Exception) -> JSONResponse:
    # A value the database cannot hold, e.g. a NUL character in a PostgreSQL text column:
    # the request's fault, and nothing was stored (the transaction rolled back).
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    return JSONResponse(
        {
            "detail": error_body(
                "invalid_value", f"the database refused a value of the request: {reason}", None
            )
        },
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Answer store errors, spec errors and request validation errors with the API's JSON body."""
    from sqlalchemy.exc import DataError

    app.add_exception_handler(DataError, _database_refused_value)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(SpecError, _spec_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
