/**
 * Matching spec issues to the fields of one node. Issues carry paths from the spec's root
 * (`nodes[3].config.where`); the panel shows each where its path leads, relative to the node.
 */

import type { SpecIssue } from "../spec/types";
import { formatPath, type NodePath } from "./configPath";

const NODE_PREFIX = /^nodes\[\d+\]\.?/;
const CHARACTER = /\(at character (\d+)\)/;

/** The issue's path inside its node: `nodes[3].config.where` -> `config.where`. */
export function pathInNode(issue: SpecIssue): string {
  return issue.path.replace(NODE_PREFIX, "");
}

/** Issues exactly at `path`, or also below it (`config.keys[0]` under `config.keys`) with `below`. */
export function issuesAt(issues: readonly SpecIssue[], path: NodePath, below = false): SpecIssue[] {
  const target = formatPath(path);
  return issues.filter((issue) => {
    const at = pathInNode(issue);
    return at === target || (below && (at.startsWith(`${target}.`) || at.startsWith(`${target}[`)));
  });
}

/** The path of an issue below `path`, relative to it (`config.columns.total` under `config.columns` -> `total`). */
export function pathBelow(issue: SpecIssue, path: NodePath): string {
  return pathInNode(issue)
    .slice(formatPath(path).length)
    .replace(/^\./, "");
}

/** An issue's message split for display: what is wrong, where (1-based character), and the marked line. */
export interface IssueText {
  summary: string;
  character: number | null;
  excerpt: string | null;
}

/** Read an expression error like `expected a value (at character 10)\n  a > > 3\n      ^`. */
export function issueText(message: string): IssueText {
  const [first = "", ...rest] = message.split("\n");
  const match = CHARACTER.exec(first);
  return {
    summary: first.replace(CHARACTER, "").trim(),
    character: match ? Number(match[1]) : null,
    excerpt: rest.length > 0 ? rest.join("\n") : null,
  };
}
