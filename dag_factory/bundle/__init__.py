"""Pipeline specs in a DAG bundle: the per-folder loader and atomic publishing."""
