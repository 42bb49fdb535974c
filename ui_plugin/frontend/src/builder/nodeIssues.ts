/** Validation problems sorted by the node they are about. */
import type { PipelineSpec, SpecIssue } from "../spec/types";

const NODE_PATH = /^nodes\[(\d+)\](?=$|[.[])/;

/** The issues of each node (paths starting with `nodes[i]`), keyed by node id. */
export function issuesByNode(spec: PipelineSpec, issues: SpecIssue[]): Record<string, SpecIssue[]> {
  const grouped: Record<string, SpecIssue[]> = {};
  for (const issue of issues) {
    const match = NODE_PATH.exec(issue.path);
    const node = match ? spec.nodes[Number(match[1])] : undefined;
    if (node) {
      (grouped[node.id] ??= []).push(issue);
    }
  }
  return grouped;
}

/** The issues about the pipeline as a whole (not about one node). */
export function pipelineIssues(spec: PipelineSpec, issues: SpecIssue[]): SpecIssue[] {
  return issues.filter((issue) => {
    const match = NODE_PATH.exec(issue.path);
    return !match || spec.nodes[Number(match[1])] === undefined;
  });
}
