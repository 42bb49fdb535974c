"""PostgreSQL identifiers and types: quoting, Arrow → PostgreSQL and PostgreSQL → Arrow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

MAX_IDENTIFIER_BYTES = 63


class SqlConfigError(ValueError):
    """An identifier, option or schema that cannot be used as written."""


def quote_ident(name: str) -> str:
    """Quote one identifier (``"a ""b"" C"``); reject names PostgreSQL would change silently."""
    if not name or "\x00" in name:
        raise SqlConfigError(f"invalid identifier {name!r}")
    if len(name.encode()) > MAX_IDENTIFIER_BYTES:
        raise SqlConfigError(f"identifier {name!r} is longer than {MAX_IDENTIFIER_BYTES} bytes")
    return '"' + name.replace('"', '""') + '"'


def qualified(schema: str | None, table: str) -> str:
    """``"schema"."table"`` or ``"table"`` (resolved by the search path)."""
    return f"{quote_ident(schema)}.{quote_ident(table)}" if schema else quote_ident(table)


def display_name(schema: str | None, table: str) -> str:
    """The table name for messages."""
    return f"{schema}.{table}" if schema else table


def pg_type_for(arrow_type: pa.DataType) -> str:
    """The PostgreSQL column type that holds values of ``arrow_type`` without loss."""
    import pyarrow as pa
    import pyarrow.types as t

    if t.is_boolean(arrow_type):
        return "boolean"
    if t.is_int8(arrow_type) or t.is_int16(arrow_type) or t.is_uint8(arrow_type):
        return "smallint"
    if t.is_int32(arrow_type) or t.is_uint16(arrow_type):
        return "integer"
    if t.is_int64(arrow_type) or t.is_uint32(arrow_type):
        return "bigint"
    if t.is_uint64(arrow_type):
        return "numeric(20,0)"
    if t.is_float16(arrow_type) or t.is_float32(arrow_type):
        return "real"
    if t.is_float64(arrow_type):
        return "double precision"
    if t.is_decimal(arrow_type):
        return f"numeric({arrow_type.precision},{arrow_type.scale})"
    if t.is_string(arrow_type) or t.is_large_string(arrow_type) or arrow_type == pa.string_view():
        return "text"
    if t.is_binary(arrow_type) or t.is_large_binary(arrow_type) or t.is_fixed_size_binary(arrow_type):
        return "bytea"
    if t.is_date(arrow_type):
        return "date"
    if t.is_timestamp(arrow_type):
        return "timestamp with time zone" if arrow_type.tz else "timestamp without time zone"
    if t.is_time(arrow_type):
        return "time without time zone"
    if t.is_duration(arrow_type):
        return "interval"
    if t.is_dictionary(arrow_type):
        return pg_type_for(arrow_type.value_type)
    if t.is_nested(arrow_type):
        return "jsonb"
    if t.is_null(arrow_type):
        return "text"
    raise SqlConfigError(f"no PostgreSQL type for Arrow type {arrow_type}")


_FAMILIES = {
    "boolean": "bool",
    "smallint": "int",
    "integer": "int",
    "bigint": "int",
    "numeric": "num",
    "real": "float",
    "double precision": "float",
    "text": "text",
    "character varying": "text",
    "character": "text",
    "bytea": "bytes",
    "date": "date",
    "timestamp with time zone": "ts",
    "timestamp without time zone": "ts",
    "time without time zone": "time",
    "interval": "interval",
    "jsonb": "json",
}
# family of the input -> families of table columns that accept it without loss of meaning
_ACCEPTS = {
    "bool": {"bool"},
    "int": {"int", "num", "float"},
    "num": {"num", "float"},
    "float": {"float", "num"},
    "text": {"text", "other", "json"},
    "bytes": {"bytes"},
    "date": {"date", "ts"},
    "ts": {"ts"},
    "time": {"time"},
    "interval": {"interval"},
    "json": {"json", "text"},
}


def family(pg_type: str) -> str:
    """Coarse family of a ``format_type`` string (``numeric(10,2)`` → ``num``)."""
    base = pg_type.split("(")[0].strip()
    if base.endswith("[]"):
        return "other"
    return _FAMILIES.get(base, {"json": "json", "uuid": "other"}.get(base, "other"))


def accepts(column_type: str, arrow_type: pa.DataType) -> bool:
    """Whether a table column of ``column_type`` can take values of ``arrow_type``."""
    import pyarrow.types as t

    if t.is_null(arrow_type):
        return True
    return family(column_type) in _ACCEPTS.get(family(pg_type_for(arrow_type)), set())


# PostgreSQL type OIDs -> Arrow type factory (others are read as strings)
def arrow_type_for(oid: int, precision: int | None = None, scale: int | None = None) -> pa.DataType:
    """The Arrow type for a result column of PostgreSQL type ``oid``."""
    import pyarrow as pa

    simple: dict[int, Any] = {
        16: pa.bool_(),
        20: pa.int64(),
        21: pa.int16(),
        23: pa.int32(),
        26: pa.int64(),
        700: pa.float32(),
        701: pa.float64(),
        17: pa.binary(),
        1082: pa.date32(),
        1114: pa.timestamp("us"),
        1184: pa.timestamp("us", tz="UTC"),
        1083: pa.time64("us"),
        1186: pa.duration("us"),
    }
    if oid in simple:
        return simple[oid]
    if oid == 1700:
        if precision and 0 < precision <= 38 and scale is not None and scale >= 0:
            return pa.decimal128(precision, scale)
        return pa.float64()
    return pa.string()
