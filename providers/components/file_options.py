"""Config pieces shared by the file source and the file sink."""

from __future__ import annotations

import codecs
from collections.abc import Collection
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from dag_factory.registry.config_fields import ComponentConfig, ConnectionId
from providers.files.column_types import EXAMPLES, check_type_name
from providers.files.formats import detect_format

ArrowTypeName = Annotated[
    str,
    AfterValidator(check_type_name),
    Field(description=f"An Arrow type name: {EXAMPLES}.", examples=["int64", "timestamp[us]"]),
]


class FileLocation(ComponentConfig):
    """Where the data is: a path, URL, folder or glob, and the connection to reach it."""

    path: str = Field(
        min_length=1,
        description=(
            "Local path (relative paths resolve against the spec's folder) or a URL such as "
            "s3://bucket/key.csv. Jinja templates like {{ ds }} are rendered per run."
        ),
    )
    conn_id: ConnectionId() | None = Field(  # type: ignore[valid-type]
        default=None, description="Airflow connection for object storage (S3, GCS, ...)."
    )


def format_of(path: str, explicit: str | None, allowed: Collection[str], role: str) -> str | None:
    """The explicit format or the one ``path``'s name implies; ``None`` while the path is a template.

    Raises ``ValueError`` when neither tells a format, or the format is not one of ``allowed``.
    """
    choices = ", ".join(allowed)
    fmt = explicit or detect_format(path)
    if fmt is None:
        if "{{" in path:
            return None
        raise ValueError(f"cannot tell the format of '{path}' from its name; set format: one of {choices}")
    if fmt not in allowed:
        raise ValueError(f"{role} does not handle {fmt} files (name '{path}'); set format: one of {choices}")
    return fmt


class CsvOptions(ComponentConfig):
    """How a CSV file is laid out; options set here win over what sniff detects."""

    delimiter: str = Field(
        default=",",
        min_length=1,
        max_length=1,
        description="Field separator; a tab for .tsv files unless set.",
    )
    quote_char: str = Field(default='"', min_length=1, max_length=1, description="Quote character.")
    escape_char: str | None = Field(
        default=None,
        min_length=1,
        max_length=1,
        description="Character escaping the next one (e.g. a backslash); by default quotes are doubled.",
    )
    header: bool = Field(default=True, description="Whether the first line names the columns.")
    column_names: list[str] | None = Field(
        default=None,
        min_length=1,
        description="Column names to use; with header: true they replace the header's names.",
    )
    null_values: list[str] | None = Field(
        default=None, description='Strings read as null; default "", NULL and null.'
    )
    encoding: str = Field(
        default="utf8", description="Text encoding: any Python codec name (latin-1, cp1252, utf-16)."
    )
    skip_rows: int = Field(default=0, ge=0, description="Lines skipped before the header (or the first row).")
    sniff: bool = Field(
        default=False,
        description="Detect delimiter, quote character and header from the first 64 KB of the first file.",
    )

    @field_validator("encoding")
    @classmethod
    def _known_codec(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(
                f"unknown encoding '{value}'; use a Python codec name like utf8 or latin-1"
            ) from None
        return value

    @field_validator("column_names")
    @classmethod
    def _unique_names(cls, value: list[str] | None) -> list[str] | None:
        repeated = sorted({name for name in value or [] if (value or []).count(name) > 1})
        if repeated:
            raise ValueError(f"column names repeat: {', '.join(repeated)}")
        return value

    @model_validator(mode="after")
    def _distinct_characters(self) -> CsvOptions:
        special = {
            "delimiter": self.delimiter,
            "quote_char": self.quote_char,
            "escape_char": self.escape_char,
        }
        used = {key: char for key, char in special.items() if char is not None}
        if len(set(used.values())) < len(used):
            raise ValueError(f"delimiter, quote_char and escape_char must differ (got {used})")
        return self
