"""The expression language of filters and derived columns: a typed tree, never run as code."""
