"""Building blocks of the ``source.http`` node type: options, auth, pagination, records, client.

Only :mod:`providers.http.options` is imported when DAGs are parsed; the other modules
import ``requests`` and ``pyarrow`` and are loaded inside the task.
"""
