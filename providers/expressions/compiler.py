"""Type-check an expression tree against an Arrow schema and compile it to ``pyarrow.compute``.

Every error is an :class:`ExpressionError` pointing at the node's characters, raised before
any data is read. Division by zero gives null; ``and``/``or`` follow SQL's three-valued logic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dag_factory.spec.suggestions import did_you_mean
from providers.expressions import syntax as s
from providers.expressions.errors import ExpressionError
from providers.expressions.function_spec import ArgumentError
from providers.expressions.functions import FUNCTIONS
from providers.expressions.parser import parse_expression
from providers.expressions.value_types import NOT_LITERAL, NUMERIC, Operand, comparable, numeric_result

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.compute as pc

_ARITHMETIC = {"+": "add_checked", "-": "subtract_checked", "*": "multiply_checked"}
_COMPARE = {
    "=": "equal",
    "!=": "not_equal",
    "<": "less",
    "<=": "less_equal",
    ">": "greater",
    ">=": "greater_equal",
}


@dataclass(frozen=True)
class CompiledExpression:
    """An expression ready to run on record batches of its schema.

    :param text: The expression as written.
    :param expression: The ``pyarrow.compute.Expression``.
    :param type: The Arrow type of its result.
    :param columns: Input columns it reads.
    """

    text: str
    expression: pc.Expression
    type: pa.DataType
    columns: frozenset[str]


def compile_expression(
    text: str, schema: pa.Schema, params: Mapping[str, Any] | None = None
) -> CompiledExpression:
    """Parse, check against ``schema`` and ``params``, compile; errors point into ``text``."""
    import pyarrow as pa

    compiler = _Compiler(schema, dict(params or {}))
    operand = compiler.compile(parse_expression(text))
    empty = pa.table({f.name: pa.array([], f.type) for f in schema})
    result_type = _evaluate(empty, operand.expression).type
    return CompiledExpression(text, operand.expression, result_type, frozenset(compiler.columns))


def _evaluate(table: pa.Table, expression: pc.Expression) -> pa.ChunkedArray:
    import pyarrow.dataset as ds

    return ds.dataset(table).to_table(columns={"value": expression}).column("value")


def evaluate(compiled: CompiledExpression, batch: pa.RecordBatch | pa.Table) -> pa.ChunkedArray:
    """The expression's values for every row of ``batch``."""
    import pyarrow as pa

    table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
    return _evaluate(table, compiled.expression)


def _call(name: str, args: list[Any], options: Any = None) -> pc.Expression:
    import pyarrow.compute as pc

    return pc.Expression._call(name, args, options)


class _Compiler:
    def __init__(self, schema: pa.Schema, params: dict[str, Any]) -> None:
        self.schema = schema
        self.params = params
        self.columns: set[str] = set()

    def compile(self, node: s.Node) -> Operand:
        method = getattr(self, f"visit_{type(node).__name__.lower()}")
        return method(node)

    def fail(self, node: s.Node, message: str) -> ExpressionError:
        return ExpressionError(message, node.start, node.end)

    # -- leaves ----------------------------------------------------------------------------
    def literal(self, value: Any) -> Operand:
        from decimal import Decimal

        import pyarrow as pa
        import pyarrow.compute as pc

        if isinstance(value, Decimal):
            value = float(value)
        scalar = pa.scalar(value)
        return Operand(pc.scalar(scalar), scalar.type, value)

    def visit_literal(self, node: s.Literal) -> Operand:
        return self.literal(node.value)

    def visit_column(self, node: s.Column) -> Operand:
        import pyarrow.compute as pc

        if node.name not in self.schema.names:
            hint = did_you_mean(node.name, self.schema.names)
            raise self.fail(node, f"unknown column {node.name!r}{hint}")
        self.columns.add(node.name)
        return Operand(pc.field(node.name), self.schema.field(node.name).type)

    def visit_param(self, node: s.Param) -> Operand:
        if node.name not in self.params:
            raise self.fail(node, f"unknown parameter {node.name!r}{did_you_mean(node.name, self.params)}")
        value = self.params[node.name]
        if isinstance(value, dict | list):
            raise self.fail(node, f"parameter {node.name!r} is a {type(value).__name__}, not a single value")
        return self.literal(value)

    # -- operators -------------------------------------------------------------------------
    def visit_unary(self, node: s.Unary) -> Operand:
        operand = self.compile(node.operand)
        if node.op == "not":
            self.need(node.operand, operand, {"bool"}, "'not'")
            return Operand(_call("invert", [operand.expression]), operand.type)
        self.need(node.operand, operand, NUMERIC, f"unary {node.op!r}")
        if node.op == "+":
            return operand
        if operand.literal is not NOT_LITERAL and operand.literal is not None:
            return self.literal(-operand.literal)  # -7 stays a literal, e.g. in an 'in' list
        return Operand(_call("negate_checked", [operand.expression]), operand.type)

    def visit_binary(self, node: s.Binary) -> Operand:
        import pyarrow as pa

        left, right = self.compile(node.left), self.compile(node.right)
        if node.op in ("and", "or"):
            self.need(node.left, left, {"bool"}, f"'{node.op}'")
            self.need(node.right, right, {"bool"}, f"'{node.op}'")
            return Operand(_call(f"{node.op}_kleene", [left.expression, right.expression]), pa.bool_())
        if node.op in _COMPARE:
            left, right = self.align_temporal(node, left, right)
            if not comparable(left.kind, right.kind):
                raise self.fail(
                    node, f"cannot compare {left.kind} ({left.type}) with {right.kind} ({right.type})"
                )
            return Operand(_call(_COMPARE[node.op], [left.expression, right.expression]), pa.bool_())
        if node.op == "||":
            parts = [o.expression.cast(pa.string()) for o in (left, right)]
            return Operand(_call("binary_join_element_wise", [*parts, _scalar("")]), pa.string())
        self.need(node.left, left, NUMERIC, f"{node.op!r}")
        self.need(node.right, right, NUMERIC, f"{node.op!r}")
        if node.op in _ARITHMETIC:
            result = numeric_result(left.type, right.type)
            args = [left.expression.cast(result), right.expression.cast(result)]
            return Operand(_call(_ARITHMETIC[node.op], args), result)
        return self.division(node.op, left, right)

    def division(self, op: str, left: Operand, right: Operand) -> Operand:
        """``/`` and ``%`` in floating point; a zero divisor gives null (``%`` of integers is an integer)."""
        import pyarrow as pa

        a, b = left.expression.cast(pa.float64()), right.expression.cast(pa.float64())
        quotient = _call("divide", [a, b])
        value = (
            quotient
            if op == "/"
            else _call("subtract", [a, _call("multiply", [b, _call("floor", [quotient])])])
        )
        zero = _call("equal", [b, _scalar(0.0)])
        value = _call("if_else", [zero, _scalar(None, pa.float64()), value])
        if op == "%" and left.kind == right.kind == "int":
            return Operand(value.cast(pa.int64()), pa.int64())
        return Operand(value, pa.float64())

    def visit_between(self, node: s.Between) -> Operand:
        import pyarrow as pa

        value, low, high = (self.compile(n) for n in (node.value, node.low, node.high))
        value, low = self.align_temporal(node, value, low)
        value, high = self.align_temporal(node, value, high)
        for bound in (low, high):
            if not comparable(value.kind, bound.kind):
                raise self.fail(
                    node, f"cannot compare {value.kind} ({value.type}) with {bound.kind} ({bound.type})"
                )
        inside = _call(
            "and_kleene",
            [_call("greater_equal", [value.expression, low.expression]),
             _call("less_equal", [value.expression, high.expression])],
        )  # fmt: skip
        return Operand(_call("invert", [inside]) if node.negated else inside, pa.bool_())

    def visit_inlist(self, node: s.InList) -> Operand:
        import pyarrow as pa
        import pyarrow.compute as pc

        value = self.compile(node.value)
        items = []
        for item_node in node.items:
            item = self.compile(item_node)
            if item.literal is NOT_LITERAL:
                raise self.fail(item_node, "'in' lists hold literals and parameters only")
            value, item = self.align_temporal(item_node, value, item)
            if not comparable(value.kind, item.kind):
                raise self.fail(item_node, f"cannot compare {value.kind} ({value.type}) with {item.kind}")
            items.append(item.literal)
        try:
            value_set = pa.array(items).cast(value.type) if value.kind != "null" else pa.array(items)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
            raise self.fail(node, f"the 'in' list does not fit {value.type}: {error}") from None
        found = _call("is_in", [value.expression], pc.SetLookupOptions(value_set))
        found = _call("if_else", [_call("is_null", [value.expression]), _scalar(None, pa.bool_()), found])
        return Operand(_call("invert", [found]) if node.negated else found, pa.bool_())

    def visit_isnull(self, node: s.IsNull) -> Operand:
        import pyarrow as pa

        value = self.compile(node.value)
        return Operand(_call("is_valid" if node.negated else "is_null", [value.expression]), pa.bool_())

    def visit_case(self, node: s.Case) -> Operand:
        import pyarrow as pa

        branches = []
        for condition_node, value_node in node.whens:
            condition = self.compile(condition_node)
            self.need(condition_node, condition, {"bool"}, "'when'")
            branches.append((condition, self.compile(value_node), value_node))
        default = self.compile(node.default) if node.default is not None else None
        values = [v for _, v, _ in branches] + ([default] if default else [])
        kinds = {v.kind for v in values} - {"null"}
        if len(kinds) > 1 and not kinds <= NUMERIC:
            raise self.fail(node, f"'case' branches give different kinds: {', '.join(sorted(kinds))}")
        typed = [v.type for v in values if v.kind != "null"]
        result = (pa.float64() if len(kinds) > 1 else typed[0]) if typed else pa.null()
        accumulated = default.expression.cast(result) if default else _scalar(None, result)
        for condition, value, _ in reversed(branches):
            chosen = _call("coalesce", [condition.expression, _scalar(False)])
            accumulated = _call("if_else", [chosen, value.expression.cast(result), accumulated])
        return Operand(accumulated, result)

    def visit_call(self, node: s.Call) -> Operand:
        function = FUNCTIONS.get(node.name)
        if function is None:
            raise self.fail(node, f"unknown function {node.name}(){did_you_mean(node.name, FUNCTIONS)}")
        args = [self.compile(arg) for arg in node.args]
        fewest = len(function.kinds) - function.optional
        most = None if function.variadic else len(function.kinds)
        if len(args) < fewest or (most is not None and len(args) > most):
            raise self.fail(node, f"{function.signature}: got {len(args)} argument(s)")
        for index, (arg, arg_node) in enumerate(zip(args, node.args, strict=True)):
            kinds = function.kinds[min(index, len(function.kinds) - 1)]
            if kinds is not None:
                self.need(arg_node, arg, kinds, f"argument {index + 1} of {function.name}()")
        try:
            return function.build(args)
        except ArgumentError as error:
            raise _at_character(node.args[error.index], error) from None
        except ValueError as error:
            raise self.fail(node, str(error)) from None

    # -- checks ----------------------------------------------------------------------------
    def need(self, node: s.Node, operand: Operand, kinds: set[str] | frozenset[str], what: str) -> None:
        if operand.kind not in kinds and operand.kind != "null":
            wanted = " or ".join(sorted(kinds))
            raise self.fail(node, f"{what} needs {wanted}, not {operand.kind} ({operand.type})")

    def align_temporal(self, node: s.Node, left: Operand, right: Operand) -> tuple[Operand, Operand]:
        """A string literal compared with a date or timestamp is read as one: ``day >= '2024-01-01'``."""
        import pyarrow as pa
        import pyarrow.compute as pc

        for this, other in ((left, right), (right, left)):
            if (
                this.kind in ("date", "timestamp")
                and other.kind == "string"
                and isinstance(other.literal, str)
            ):
                try:
                    scalar = pa.scalar(other.literal).cast(this.type)
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    raise self.fail(node, f"{other.literal!r} is not a {this.kind} ({this.type})") from None
                converted = Operand(pc.scalar(scalar), this.type, scalar.as_py())
                return (this, converted) if this is left else (converted, this)
        return left, right


def _at_character(node: s.Node, error: ArgumentError) -> ExpressionError:
    """The error at its character inside a string literal (whose quotes are doubled), else at the argument."""
    if not isinstance(node, s.Literal) or not isinstance(node.value, str):
        return ExpressionError(str(error), node.start, node.end)
    position = node.start + 1 + error.offset + node.value[: error.offset].count("'")
    return ExpressionError(str(error), min(position, node.end - 1))


def _scalar(value: Any, arrow_type: pa.DataType | None = None) -> pc.Expression:
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.scalar(pa.scalar(value, arrow_type))
