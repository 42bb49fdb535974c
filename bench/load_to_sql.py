"""The pandas baseline, run as its own process: ``read_csv`` then ``to_sql`` as a typical user writes it.

Prints one JSON line with the seconds of each step. ``to_sql`` keeps its defaults
(``method=None``: SQLAlchemy's ``executemany``, which psycopg 3 runs as batched multi-row
INSERTs; ``chunksize=None``: all rows in one call).
"""

from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("url", help="SQLAlchemy URL")
    parser.add_argument("table")
    parser.add_argument("--parse-dates", nargs="*", default=[])
    options = parser.parse_args()

    started = time.perf_counter()
    import pandas as pd
    import sqlalchemy

    imported = time.perf_counter()
    frame = pd.read_csv(options.csv, parse_dates=options.parse_dates or None)
    read = time.perf_counter()
    engine = sqlalchemy.create_engine(options.url)
    frame.to_sql(options.table, engine, if_exists="append", index=False)
    engine.dispose()
    loaded = time.perf_counter()
    print(
        json.dumps(
            {
                "import_seconds": imported - started,
                "read_csv_seconds": read - imported,
                "to_sql_seconds": loaded - read,
                "rows": len(frame),
            }
        )
    )


if __name__ == "__main__":
    main()
