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
        description="Compile a spec into an Airflow DAG and print its tasks in run order.",
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
    type_width = max(len(node.type) for node in spec.nodes)
    for task_id in order:
        task = dag.get_task(task_id)
        upstream = sorted(task.upstream_task_ids)
        arrow = terminal.paint(f"<- {', '.join(upstream)}", "dim") if upstream else ""
        terminal.say(f"  {task_id.ljust(width)}  {task.node_type.ljust(type_width)}  {arrow}".rstrip())
    return exit_codes.OK
