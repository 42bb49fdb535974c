/** Whether an edge may be drawn between two nodes, and if not, why (in words for the user). */
import type { ComponentInfo, PipelineSpec } from "../spec/types";

/** The reason `source -> target` is refused, or null when the edge is allowed. */
export function connectionRefusal(
  spec: PipelineSpec,
  components: Map<string, ComponentInfo>,
  source: string,
  target: string,
): string | null {
  const from = spec.nodes.find((node) => node.id === source);
  const to = spec.nodes.find((node) => node.id === target);
  if (!from || !to) {
    return "Both ends of a connection must be nodes of this pipeline.";
  }
  if (source === target || reaches(spec, target, source)) {
    return `Connecting ${source} to ${target} would make a cycle: a pipeline runs in one direction.`;
  }
  const inputs = to.inputs ?? [];
  if (inputs.includes(source)) {
    return `${source} is already connected to ${target}.`;
  }
  const fromType = components.get(from.type);
  if (fromType && !fromType.has_output) {
    return `${source} is a ${fromType.title} (a sink): it has no output to connect.`;
  }
  const toType = components.get(to.type);
  const max = toType?.inputs.max;
  if (toType && max !== null && max !== undefined && inputs.length >= max) {
    return max === 0
      ? `${target} is a ${toType.title}: it takes no input.`
      : `${target} takes at most ${max} input${max === 1 ? "" : "s"}, and has ${inputs.length}.`;
  }
  return null;
}

/** Whether `to` can be reached from `from` by following edges downstream. */
function reaches(spec: PipelineSpec, from: string, to: string): boolean {
  const readers = new Map<string, string[]>();
  for (const node of spec.nodes) {
    for (const input of node.inputs ?? []) {
      readers.set(input, [...(readers.get(input) ?? []), node.id]);
    }
  }
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (current === to) {
      return true;
    }
    if (!seen.has(current)) {
      seen.add(current);
      queue.push(...(readers.get(current) ?? []));
    }
  }
  return false;
}
