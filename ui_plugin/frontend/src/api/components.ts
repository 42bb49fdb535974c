/** What the builder reads from the aggregator API: node types, one pipeline, and spec checks. */

import { arrivedJson, getJson, requestJson } from "./client";
import type { PipelineSummary } from "./pipelines";
import type { ComponentInfo, PipelineSpec, SpecIssue } from "../spec/types";

/** A pipeline with its draft spec (GET /pipelines/{id}). */
export interface PipelineDetail extends PipelineSummary {
  draft_hash: string;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
  draft_spec: PipelineSpec;
  /** Number of the newest version; null if it has none. */
  latest_version: number | null;
  /** Number of the version in the DAG bundle; null if never published. */
  published_version: number | null;
}

/** The answer of POST /validate: problems are the answer, not an error. */
export interface ValidationResult {
  valid: boolean;
  errors: SpecIssue[];
}

/** Where GET /components is, below the API. */
export const COMPONENTS_PATH = "components";

/** Where GET /pipelines/{id} is, below the API. */
export function pipelinePath(pipelineId: string): string {
  return `pipelines/${encodeURIComponent(pipelineId)}`;
}

/** GET /components: every node type of the registry. */
export function listComponents(signal?: AbortSignal): Promise<ComponentInfo[]> {
  return getJson<ComponentInfo[]>(COMPONENTS_PATH, {}, signal);
}

/** GET /pipelines/{id}: one pipeline with its draft spec. */
export function getPipeline(pipelineId: string, signal?: AbortSignal): Promise<PipelineDetail> {
  return getJson<PipelineDetail>(pipelinePath(pipelineId), {}, signal);
}

/**
 * The node types and the pipeline `pipelineId` (null: none), when the page's early requests
 * have already brought both; otherwise undefined. With `take` they are used up.
 */
export function arrivedBuilderData(
  pipelineId: string | null,
  options: { take?: boolean } = {},
): { components: ComponentInfo[]; pipeline: PipelineDetail | null } | undefined {
  const paths = pipelineId === null ? [COMPONENTS_PATH] : [COMPONENTS_PATH, pipelinePath(pipelineId)];
  const bodies = arrivedJson(paths, options);
  return bodies && { components: bodies[0] as ComponentInfo[], pipeline: (bodies[1] ?? null) as PipelineDetail | null };
}

/** POST /validate: check a spec against the format and the node types; nothing is stored. */
export function validateSpec(spec: PipelineSpec, signal?: AbortSignal): Promise<ValidationResult> {
  return requestJson<ValidationResult>("POST", "validate", { body: { spec }, signal });
}
