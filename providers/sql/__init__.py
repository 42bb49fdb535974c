"""SQL connectors: bulk loads with idempotent, run-keyed commits, and streaming extracts."""
