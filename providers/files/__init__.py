"""Reading and writing data files (CSV, Parquet) as streams of Arrow record batches."""
