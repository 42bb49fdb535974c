"""Config pieces shared by the file source and the file sink."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from dag_factory.registry.config_fields import ComponentConfig, ConnectionId
from providers.files.formats import detect_format


class FileLocation(ComponentConfig):
    """A file path or URL, its format, and the connection to reach it."""

    path: str = Field(
        min_length=1,
        description=(
            "Local path (relative paths resolve against the spec's folder) or a URL such as "
            "s3://bucket/key.csv. Jinja templates like {{ ds }} are rendered per run."
        ),
    )
    format: Literal["csv", "parquet"] | None = Field(
        default=None, description="File format; detected from the file name when left out."
    )
    conn_id: ConnectionId() | None = Field(  # type: ignore[valid-type]
        default=None, description="Airflow connection for object storage (S3, GCS, ...)."
    )

    @model_validator(mode="after")
    def _format_known(self) -> FileLocation:
        if self.format is None and "{{" not in self.path and detect_format(self.path) is None:
            raise ValueError(
                f"cannot tell the format of '{self.path}' from its name; set format: csv or parquet"
            )
        return self

    def resolved_format(self) -> Literal["csv", "parquet"]:
        """The explicit format, or the one detected from the (rendered) path."""
        fmt = self.format or detect_format(self.path)
        if fmt is None:
            raise ValueError(f"cannot tell the format of '{self.path}'; set format: csv or parquet")
        return fmt


class CsvOptions(ComponentConfig):
    """How a CSV file is laid out."""

    delimiter: str = Field(default=",", min_length=1, max_length=1)
    quote_char: str = Field(default='"', min_length=1, max_length=1)
    header: bool = Field(default=True, description="Whether the first line names the columns.")
    column_names: list[str] | None = Field(default=None, description="Column names to use.")
    null_values: list[str] | None = Field(default=None, description="Strings read as null.")
    encoding: str = "utf8"
