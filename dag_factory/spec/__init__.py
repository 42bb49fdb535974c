"""The pipeline spec (``apiVersion: aggregator/v1``): models, parsing and validation."""
