/** Checking a spec without storing it: its problems (POST /validate) and a sample run (POST /preview). */

import { requestJson } from "./client";
import type { ValidationResult } from "./components";
import type { PipelineSpec } from "../spec/types";

/** One node's output on the sample, or why there is none. */
export interface NodeSample {
  node_id: string;
  node_type: string;
  status: "ok" | "error" | "skipped";
  /** Output columns with their Arrow type names. */
  schema: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  row_count: number;
  truncated: boolean;
  limit: string | null;
  seconds: number;
  error: string | null;
  reason: string | null;
}

/** The nodes a preview ran, in the order they ran. */
export interface PipelineSample {
  pipeline_id: string;
  seconds: number;
  nodes: NodeSample[];
}

/** POST /validate with the spec's text, so problems carry line and column. */
export function validateSpecText(specText: string, signal?: AbortSignal): Promise<ValidationResult> {
  return requestJson<ValidationResult>("POST", "validate", { body: { spec_text: specText }, signal });
}

/** POST /preview: run `node` and the nodes it reads from (all nodes when null) on a sample. */
export function previewSpec(
  spec: PipelineSpec,
  node: string | null,
  rows: number,
  signal?: AbortSignal,
): Promise<PipelineSample> {
  return requestJson<PipelineSample>("POST", "preview", {
    body: { spec, rows, ...(node ? { node } : {}) },
    signal,
  });
}
