"""The builder's JavaScript bundle and assets, which Airflow's UI loads as a React plugin.

The routes are public: Airflow's UI imports the bundle before any API call, and the files
hold no data. Every data request the pages make goes through a permission-checked route.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, status
from fastapi.responses import FileResponse, Response

from ui_plugin.api.error_responses import ApiError

router = APIRouter(tags=["frontend"])

FRONTEND_DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"
"""Where ``npm run build`` in ``ui_plugin/frontend`` writes the bundle; it ships in the wheel."""

# Python's mimetypes does not know .cjs and .mjs, and browsers refuse to import a script
# served as anything but JavaScript.
MEDIA_TYPES: dict[str, str] = {
    ".js": "text/javascript",
    ".cjs": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".map": "application/json",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
}

# The bundle keeps one URL across releases, so browsers revalidate it (cheaply, by ETag)
# instead of running a stale page after an upgrade.
CACHE_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


@router.get("/ui/{path:path}", response_class=FileResponse)
def get_ui_file(
    path: str, if_none_match: Annotated[str | None, Header(include_in_schema=False)] = None
) -> Response:
    """A file of the built UI bundle; 304 when the browser's copy (by ETag) is current."""
    file = built_file(path)
    stat = file.stat()
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    headers = {**CACHE_HEADERS, "ETag": etag}
    if if_none_match is not None and etag in {tag.strip() for tag in if_none_match.split(",")}:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return FileResponse(file, media_type=media_type_of(file), headers=headers, stat_result=stat)


def built_file(path: str) -> Path:
    """The file ``path`` names inside the built bundle; 404 outside it, or when not built."""
    root = FRONTEND_DIST.resolve()
    if not root.is_dir():
        raise ApiError(
            status.HTTP_404_NOT_FOUND,
            "ui_not_built",
            "The aggregator UI is not built. Run `make ui` in the airflow-aggregator source tree "
            "(npm ci && npm run build in ui_plugin/frontend), or install a released wheel.",
            field="path",
        )
    # A NUL character names no file (and the OS refuses it); answer like any missing file.
    file = (root / path).resolve() if "\x00" not in path else root
    if not file.is_relative_to(root) or not file.is_file():
        raise ApiError(status.HTTP_404_NOT_FOUND, "not_found", f"The UI has no file {path!r}.", field="path")
    return file


def media_type_of(file: Path) -> str:
    """The Content-Type a browser needs for ``file``."""
    import mimetypes

    return (
        MEDIA_TYPES.get(file.suffix.lower())
        or mimetypes.guess_type(file.name)[0]
        or "application/octet-stream"
    )
