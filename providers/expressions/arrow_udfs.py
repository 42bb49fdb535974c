"""Python kernels registered with ``pyarrow.compute``, for functions Arrow has no kernel for.

A kernel is registered once per process under a name starting with ``aggregator_``, the
first time an expression uses it, so that compiled expressions run inside Arrow's engine
like any built-in kernel. Registration happens while compiling, so every process that
evaluates an expression has registered its kernels.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from providers.expressions.function_spec import call

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.compute as pc

BatchFunction = Callable[[Sequence[Any], int], "pa.Array"]
"""``(arguments, length) -> array of length values``: each argument is an array of ``length``
values, or of one value (a literal, the same for every row)."""

_LOCK = threading.Lock()
_REGISTERED: set[str] = set()


def kernel_call(
    name: str,
    function: BatchFunction,
    in_types: Mapping[str, pa.DataType],
    out_type: pa.DataType,
    summary: str,
    args: Sequence[pc.Expression],
) -> pc.Expression:
    """A call of kernel ``aggregator_<name>``, registering ``function`` under that name first if needed."""
    full_name = f"aggregator_{name}"
    with _LOCK:
        if full_name not in _REGISTERED:
            _register(full_name, function, in_types, out_type, summary)
            _REGISTERED.add(full_name)
    return call(full_name, list(args))


def _register(
    name: str,
    function: BatchFunction,
    in_types: Mapping[str, pa.DataType],
    out_type: pa.DataType,
    summary: str,
) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    def kernel(context: Any, *args: Any) -> Any:
        arrays = [arg if isinstance(arg, pa.Array) else pa.array([arg.as_py()], arg.type) for arg in args]
        if not any(isinstance(arg, pa.Array) for arg in args):
            # Arrow calls with only scalars when every argument is a literal, and wants a scalar back.
            return function(arrays, 1)[0]
        return function(arrays, context.batch_length)

    documentation = {"summary": summary, "description": summary}
    try:
        pc.register_scalar_function(kernel, name, documentation, dict(in_types), out_type)
    except pa.ArrowKeyError:
        pass  # the module was imported twice (e.g. reloaded); the kernel under this name is the same
