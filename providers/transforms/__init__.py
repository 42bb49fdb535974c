"""The Arrow engine behind the transform node types: column checks, casts, joins, aggregation."""
