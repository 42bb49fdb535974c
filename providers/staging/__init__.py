"""Data hand-off between tasks: Parquet files under ``[aggregator] staging_url``."""
