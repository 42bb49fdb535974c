"""422 for problems whose paths already start at the request body (``parameters.rows``)."""

from __future__ import annotations

from fastapi import status

from dag_factory.spec.errors import SpecError
from ui_plugin.api.error_responses import ApiError


def body_issues_error(code: str, error: SpecError) -> ApiError:
    """A 422 naming the first issue's path as the field and listing every issue."""
    first = error.issues[0] if error.issues else None
    return ApiError(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        code,
        f"{len(error.issues)} problem(s): {first.format() if first else error}",
        field=first.location if first and first.path else None,
        errors=[issue.to_dict() for issue in error.issues],
    )
