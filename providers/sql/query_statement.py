"""The SQL text of a node that must return rows, checked before anything runs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from providers.sql.dialect import SqlConfigError, SqlDialect

#: First words of the statements that return rows on every supported database.
QUERY_KEYWORDS = ("select", "with", "values", "table")
_LEADING = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/|\()*", re.DOTALL)
_WORD = re.compile(r"\w*")


def query_statement(sql: str) -> str:
    """``sql`` without a trailing semicolon; an error unless it starts like a query.

    Checked by its first word so that an ``INSERT``, ``DELETE`` or DDL written by mistake
    is refused before it runs, with a message saying why.
    """
    text = sql.strip().rstrip(";").rstrip()
    start = _LEADING.match(text)
    word = _WORD.match(text, start.end() if start else 0)
    first = word.group(0) if word else ""
    if first.lower() not in QUERY_KEYWORDS:
        found = f"'{first.upper()}'" if first else "no statement"
        raise SqlConfigError(
            f"sql: must be a query that returns rows (SELECT, WITH, VALUES or TABLE), found {found}; "
            "this node reads a result, it does not change the database"
        )
    return text


def referenced_params(dialect: SqlDialect, statement: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The params whose placeholder (``dialect.named_param``) appears in ``statement``.

    Only those are bound, so that a param the driver cannot adapt (a dict, say) matters only
    where the query uses it.
    """
    return {name: value for name, value in params.items() if dialect.named_param(name) in statement}
