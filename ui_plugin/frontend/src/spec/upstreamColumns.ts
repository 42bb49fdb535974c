/**
 * The columns a node's inputs produce, as far as they are known: from the last preview, whose
 * samples carry each node's output schema. A sample counts while its node, and every node it
 * reads from, has the type, config and inputs it had in the previewed spec; names, descriptions
 * and positions do not matter. So editing a node keeps the columns of the nodes above it.
 */

import type { PipelineSample } from "../api/preview";
import type { NodeSpec, PipelineSpec } from "./types";

/** A finished preview: the spec it ran and what each node gave. */
export interface PreviewOutcome {
  spec: PipelineSpec;
  sample: PipelineSample;
}

/** Columns to suggest in a node's column fields, and a sentence saying where they come from. */
export interface UpstreamColumns {
  /** Each column once, in input order, then in each input's column order. */
  columns: string[];
  /** `Columns of orders and customers, from the last preview.` */
  source: string;
}

/** The columns of `nodeId`'s inputs that `preview` found and still hold; null when none is known. */
export function upstreamColumns(
  spec: PipelineSpec,
  nodeId: string,
  preview: PreviewOutcome | null,
): UpstreamColumns | null {
  const node = spec.nodes.find((candidate) => candidate.id === nodeId);
  if (!node || !preview) {
    return null;
  }
  const inputs = [...new Set(node.inputs ?? [])];
  const current = new Set(currentSamples(spec, preview).map((sample) => sample.node_id));
  const outputs = new Map(preview.sample.nodes.map((sample) => [sample.node_id, sample]));
  const known = inputs.filter((input) => current.has(input));
  if (known.length === 0) {
    return null;
  }
  const names = known.flatMap((input) => outputs.get(input)?.schema.map((column) => column.name) ?? []);
  const columns = [...new Set(names)];
  const missing = inputs.filter((input) => !current.has(input));
  const source =
    `Columns of ${namesText(known)}, from the last preview.` +
    (missing.length > 0 ? ` Not known yet: ${namesText(missing)}.` : "");
  return { columns, source };
}

/** The samples of `preview` that still describe `spec`: run successfully, on nodes unchanged since. */
export function currentSamples(spec: PipelineSpec, preview: PreviewOutcome): PipelineSample["nodes"] {
  const now = new Map(spec.nodes.map((node) => [node.id, node]));
  const then = new Map(preview.spec.nodes.map((node) => [node.id, node]));
  const verdicts = new Map<string, boolean>();
  const unchanged = (id: string): boolean => {
    const known = verdicts.get(id);
    if (known !== undefined) {
      return known;
    }
    verdicts.set(id, false); // a cycle does not hold
    const before = then.get(id);
    const after = now.get(id);
    const same =
      before !== undefined &&
      after !== undefined &&
      runKey(before) === runKey(after) &&
      (after.inputs ?? []).every(unchanged);
    verdicts.set(id, same);
    return same;
  };
  return preview.sample.nodes.filter((sample) => sample.status === "ok" && unchanged(sample.node_id));
}

/** What decides a node's output: its type, config and inputs, as text independent of key order. */
function runKey(node: NodeSpec): string {
  return canonicalJson({ type: node.type, config: node.config ?? {}, inputs: node.inputs ?? [] });
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

function namesText(ids: string[]): string {
  return ids.length <= 1 ? (ids[0] ?? "") : `${ids.slice(0, -1).join(", ")} and ${ids.at(-1) ?? ""}`;
}
