"""``aggregator render SPEC``: show the DAG a spec compiles to, as text."""

from __future__ import annotations

import argparse

from dag_factory.cli import exit_codes
from dag_factory.cli.terminal import Terminal
from dag_factory.spec.errors import SpecError
from dag_factory.spec.parsing import load_spec_file


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "render",
        help="compile a spec and print its tasks and dependencies",
        description=(
            "Compile a spec into an Airflow DAG and print its nodes in run order: the task's "
            "upstream tasks, or the task a streaming node runs in."
        ),
    )
    parser.add_argument("spec", metavar="SPEC", help="spec file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, terminal: Terminal) -> int:
    from dag_factory.compiler.compile import compile_pipeline
    from dag_factory.spec.graph import topological_order

    try:
        spec = load_spec_file(args.spec)
    except SpecError as error:
        terminal.say(error.describe())
        return exit_codes.FAILED
    dag = compile_pipeline(spec, spec_path=args.spec)
    schedule = spec.schedule if spec.schedule is not None else "manual only"
    terminal.say(terminal.paint(f"DAG {dag.dag_id}", "bold"))
    terminal.say(f"  name:     {spec.name or spec.id}")
    terminal.say(f"  schedule: {schedule}")
    terminal.say(f"  version:  {spec.content_hash[:12]}")
    terminal.say(f"  tags:     {', '.join(sorted(dag.tags))}")
    terminal.say("tasks (in run order):")
    order = topological_order({node.id: node.inputs for node in spec.nodes})
    width = max(len(task_id) for task_id in order)
    types = {node.id: node.type for node in spec.nodes}
    type_width = max(len(node_type) for node_type in types.values())
    runs_in = {node["id"]: task.task_id for task in dag.tasks for node in task.fused_nodes}
    for node_id in order:
        if node_id in runs_in:
            note = terminal.paint(f"(streams into task {runs_in[node_id]})", "dim")
        else:
            upstream = sorted(dag.get_task(node_id).upstream_task_ids)
            note = terminal.paint(f"<- {', '.join(upstream)}", "dim") if upstream else ""
        terminal.say(f"  {node_id.ljust(width)}  {types[node_id].ljust(type_width)}  {note}".rstrip())
    return exit_codes.OK
