import type { SpecDiff } from "../api/versions";

/** How the canvas marks a node of a diff. */
export type DiffMark = "added" | "removed" | "changed";

/**
 * The canvas marks of a diff, by node id: added and removed nodes as such; changed and renamed
 * nodes, and the nodes whose inputs gained or lost an edge, as changed.
 */
export function diffMarks(diff: SpecDiff): Record<string, DiffMark> {
  const marks: Record<string, DiffMark> = {};
  const markChanged = (id: string) => {
    marks[id] ??= "changed";
  };
  for (const node of diff.nodes.added) {
    marks[node.id] = "added";
  }
  for (const node of diff.nodes.removed) {
    marks[node.id] = "removed";
  }
  diff.nodes.renamed.forEach((rename) => markChanged(rename.to));
  diff.nodes.changed.forEach((node) => markChanged(node.id));
  [...diff.edges.added, ...diff.edges.removed].forEach((edge) => markChanged(edge.to));
  return marks;
}
