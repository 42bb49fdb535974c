"""Import and export of pipeline specs, and import of dag-factory YAML files.

- :func:`export_specs` / :func:`import_specs`: one spec or a set as JSON or YAML, lossless.
- :func:`import_dag_factory`: astronomer/dag-factory DAGs as specs, with what did not map.

Pure functions over text: no file or network access.
"""

from dag_factory.interchange.dag_factory_import import import_dag_factory
from dag_factory.interchange.dag_factory_report import (
    DagFactoryImport,
    ImportedDag,
    MappedTask,
    UnmappedItem,
)
from dag_factory.interchange.spec_documents import Format, export_specs, import_specs

__all__ = [
    "DagFactoryImport",
    "Format",
    "ImportedDag",
    "MappedTask",
    "UnmappedItem",
    "export_specs",
    "import_dag_factory",
    "import_specs",
]
