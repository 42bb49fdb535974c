"""What an import of a dag-factory file produced: per DAG, the spec and what did not carry over."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dag_factory.spec.errors import SpecIssue
from dag_factory.spec.models import PipelineSpec


@dataclass(frozen=True)
class MappedTask:
    """A dag-factory task that became a node of the spec."""

    task_id: str
    operator: str
    node_type: str
    notes: tuple[str, ...] = ()
    """What behaves differently after the conversion and may need a change by hand."""


@dataclass(frozen=True)
class UnmappedItem:
    """Something of the DAG that is not in the spec, and why."""

    task_id: str | None
    """The task concerned, or ``None`` for the DAG's own settings and task groups."""
    field: str
    """The dag-factory key, e.g. ``operator``, ``bash_command``, ``default_args.email``."""
    reason: str

    def format(self) -> str:
        """``task 'x', operator: reason`` or ``field: reason``."""
        where = f"task '{self.task_id}', {self.field}" if self.task_id else self.field
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ImportedDag:
    """One DAG of the file converted to a spec, as far as it goes."""

    dag_id: str
    spec: PipelineSpec | None
    """The validated spec, or ``None`` when the converted data does not validate."""
    spec_text: str
    """The converted spec as YAML, written even when it does not validate, to fix by hand."""
    mapped: tuple[MappedTask, ...]
    unmapped: tuple[UnmappedItem, ...]
    problems: tuple[SpecIssue, ...] = ()
    """Why the converted spec does not validate, with spec paths (``nodes[0].config.callable``)."""

    def report_lines(self, outcome: str) -> list[str]:
        """``dag '<id>' <outcome>``, then the mapped tasks, what was not mapped and the problems."""
        lines = [f"dag '{self.dag_id}' {outcome}"]
        for task in self.mapped:
            lines.append(f"  mapped: task '{task.task_id}' ({task.operator}) -> {task.node_type}")
            lines += [f"    note: {note}" for note in task.notes]
        lines += [f"  not mapped: {item.format()}" for item in self.unmapped]
        if self.problems:
            lines.append("  invalid spec, fix by hand:")
            lines += [f"    {issue.format()}" for issue in self.problems]
        return lines


@dataclass(frozen=True)
class DagFactoryImport:
    """The DAGs of a dag-factory file, in file order; ``issues`` when the file itself is unusable."""

    dags: tuple[ImportedDag, ...]
    issues: tuple[SpecIssue, ...] = ()

    def __iter__(self) -> Iterator[ImportedDag]:
        return iter(self.dags)

    def __len__(self) -> int:
        return len(self.dags)

    def __getitem__(self, index: int) -> ImportedDag:
        return self.dags[index]

    def dag(self, dag_id: str) -> ImportedDag:
        """The converted DAG with this id."""
        for imported in self.dags:
            if imported.dag_id == dag_id:
                return imported
        raise KeyError(dag_id)
