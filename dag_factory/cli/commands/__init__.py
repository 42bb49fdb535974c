"""One module per ``aggregator`` sub-command; each exposes ``add_parser`` and ``run``."""
