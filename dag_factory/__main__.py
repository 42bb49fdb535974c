"""``python -m dag_factory`` is the ``aggregator`` command."""

import sys

from dag_factory.cli.main import main

sys.exit(main())
