"""Date and time functions of the expression language."""

from __future__ import annotations

from providers.expressions.function_spec import TEMPORAL, Function, call, written
from providers.expressions.value_types import Operand

UNITS = ("year", "quarter", "month", "week", "day", "hour", "minute", "second")


def _part(kernel_name: str) -> object:
    def build(args: list[Operand]) -> Operand:
        import pyarrow as pa

        return Operand(call(kernel_name, [args[0].expression]).cast(pa.int64()), pa.int64())

    return build


def _to_date(args: list[Operand]) -> Operand:
    import pyarrow as pa

    return Operand(args[0].expression.cast(pa.date32()), pa.date32())


def _trunc(args: list[Operand]) -> Operand:
    import pyarrow.compute as pc

    unit = written(args, 1, "date_trunc", str, "unit").lower()
    if unit not in UNITS:
        raise ValueError(f"date_trunc() unit must be one of {', '.join(UNITS)}, not {unit!r}")
    options = pc.RoundTemporalOptions(multiple=1, unit=unit, week_starts_monday=True)
    return Operand(call("floor_temporal", [args[0].expression], options), args[0].type)


def _between(kernel_name: str) -> object:
    def build(args: list[Operand]) -> Operand:
        import pyarrow as pa

        return Operand(call(kernel_name, [args[0].expression, args[1].expression]), pa.int64())

    return build


FUNCTIONS = (
    Function("year", "year(date) -> int", "The year.", "year(day)", "date and time",
             [TEMPORAL], _part("year")),
    Function("month", "month(date) -> int", "The month, 1 to 12.", "month(day)", "date and time",
             [TEMPORAL], _part("month")),
    Function("day", "day(date) -> int", "The day of the month.", "day(day)", "date and time",
             [TEMPORAL], _part("day")),
    Function("day_of_week", "day_of_week(date) -> int", "0 for Monday to 6 for Sunday.", "day_of_week(day)",
             "date and time", [TEMPORAL], _part("day_of_week")),
    Function("hour", "hour(timestamp) -> int", "The hour, 0 to 23.", "hour(created_at)", "date and time",
             [frozenset({"timestamp"})], _part("hour")),
    Function("to_date", "to_date(value) -> date", "The date of a timestamp, or of ISO text (2026-01-31).",
             "to_date(created_at)", "date and time", [frozenset({"timestamp", "date", "string"})], _to_date),
    Function("date_trunc", "date_trunc(date, unit) -> date",
             "Round down to the start of the unit: year, quarter, month, week (Monday), day, hour...",
             "date_trunc(created_at, 'month')", "date and time", [TEMPORAL, frozenset({"string"})], _trunc),
    Function("days_between", "days_between(start, end) -> int", "Whole days from start to end.",
             "days_between(ordered_at, shipped_at)", "date and time", [TEMPORAL, TEMPORAL],
             _between("days_between")),
)  # fmt: skip
