"""Stream a CSV file with pyarrow's incremental reader; memory is bounded by the block size."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from providers.files.csv_sniffing import SniffedDialect

if TYPE_CHECKING:
    import pyarrow as pa

DEFAULT_NULL_VALUES = ("", "NULL", "null")


@dataclass(frozen=True)
class CsvSettings:
    """The resolved layout of the CSV files of one node (explicit options, sniffed, defaults)."""

    delimiter: str = ","
    quote_char: str = '"'
    escape_char: str | None = None
    header: bool = True
    column_names: tuple[str, ...] | None = None
    null_values: tuple[str, ...] = DEFAULT_NULL_VALUES
    encoding: str = "utf8"
    skip_rows: int = 0


def csv_settings(
    options: Mapping[str, Any],
    explicit: Collection[str],
    *,
    sniffed: SniffedDialect | None = None,
    tab_separated: bool = False,
) -> CsvSettings:
    """Combine the node's CSV options with what was sniffed: options the spec sets win.

    :param options: The ``csv`` options of the node (all fields, defaults included).
    :param explicit: Names of the options the spec sets.
    :param sniffed: The dialect detected from the first file, with ``sniff: true``.
    :param tab_separated: Whether the file name ends in ``.tsv`` (then tab is the default).
    """
    settings = CsvSettings(
        delimiter=options.get("delimiter", ","),
        quote_char=options.get("quote_char", '"'),
        escape_char=options.get("escape_char"),
        header=options.get("header", True),
        column_names=tuple(options["column_names"]) if options.get("column_names") else None,
        null_values=tuple(options.get("null_values") or DEFAULT_NULL_VALUES),
        encoding=options.get("encoding", "utf8"),
        skip_rows=options.get("skip_rows", 0),
    )
    if tab_separated and "delimiter" not in explicit:
        settings = replace(settings, delimiter="\t")
    if sniffed:
        found = {"delimiter": sniffed.delimiter, "quote_char": sniffed.quote_char, "header": sniffed.header}
        settings = replace(settings, **{key: value for key, value in found.items() if key not in explicit})
    return settings


def open_csv_reader(
    stream: pa.NativeFile,
    settings: CsvSettings,
    *,
    column_types: Mapping[str, pa.DataType],
    block_size: int,
    use_threads: bool = True,
) -> pa.RecordBatchReader:
    """An incremental reader over ``stream``; it parses ``block_size`` bytes at a time."""
    import pyarrow.csv as pcsv

    names = list(settings.column_names) if settings.column_names else None
    read = pcsv.ReadOptions(
        use_threads=use_threads,
        block_size=block_size,
        encoding=settings.encoding,
        column_names=names,
        autogenerate_column_names=not settings.header and not names,
        # Given names replace the header line, which must then be skipped like the others.
        skip_rows=settings.skip_rows + (1 if names and settings.header else 0),
    )
    parse = pcsv.ParseOptions(
        delimiter=settings.delimiter,
        quote_char=settings.quote_char,
        escape_char=settings.escape_char or False,
        double_quote=True,
    )
    convert = pcsv.ConvertOptions(
        column_types=dict(column_types),
        null_values=list(settings.null_values),
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    return pcsv.open_csv(stream, read_options=read, parse_options=parse, convert_options=convert)
