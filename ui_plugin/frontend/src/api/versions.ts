/**
 * Saving a pipeline and its versions: every save commits an immutable version, which can be
 * listed, compared with another version or the draft, and restored as the draft.
 */

import { getJson, requestJson } from "./client";
import type { PipelineDetail } from "./components";
import type { Page } from "./pipelines";
import type { PipelineSpec } from "../spec/types";

/** An immutable version, without its spec. */
export interface VersionSummary {
  pipeline_id: string;
  number: number;
  content_hash: string;
  author: string;
  message: string;
  created_at: string;
}

/** One value that differs between two specs, at a path (`columns.amount`). */
export interface ValueChange {
  path: string;
  change: "added" | "removed" | "changed";
  old?: unknown;
  new?: unknown;
}

/** A node of one side of a diff; an edge from one node into another. */
export interface DiffNode {
  id: string;
  type: string;
}

export interface DiffEdge {
  from: string;
  to: string;
}

/** What changed between two states of a pipeline (GET /pipelines/{id}/diff). */
export interface SpecDiff {
  from_version: number;
  to_version: number | "draft";
  summary: string;
  pipeline: ValueChange[];
  nodes: {
    added: DiffNode[];
    removed: DiffNode[];
    renamed: DiffEdge[];
    changed: { id: string; fields: ValueChange[]; config: ValueChange[] }[];
  };
  edges: { added: DiffEdge[]; removed: DiffEdge[] };
}

/** The API path of one pipeline. */
export function pipelinePath(pipelineId: string): string {
  return `pipelines/${encodeURIComponent(pipelineId)}`;
}

/** POST /pipelines: store a new pipeline; its spec becomes version 1. */
export function createPipeline(spec: PipelineSpec, message: string): Promise<PipelineDetail> {
  return requestJson<PipelineDetail>("POST", "pipelines", { body: { spec, message } });
}

/** PUT /pipelines/{id}: save the draft as a new version; 409 when `rowVersion` is stale. */
export function savePipeline(spec: PipelineSpec, rowVersion: number, message: string): Promise<PipelineDetail> {
  return requestJson<PipelineDetail>("PUT", pipelinePath(spec.id), {
    body: { spec, row_version: rowVersion, message },
  });
}

/** GET /pipelines/{id}/versions, newest first. */
export function listVersions(pipelineId: string, signal?: AbortSignal): Promise<Page<VersionSummary>> {
  return getJson<Page<VersionSummary>>(`${pipelinePath(pipelineId)}/versions`, { limit: 100 }, signal);
}

/** GET /pipelines/{id}/diff from an older version to a newer one or to the saved draft. */
export function diffVersions(
  pipelineId: string,
  fromVersion: number,
  toVersion: number | "draft",
  signal?: AbortSignal,
): Promise<SpecDiff> {
  return getJson<SpecDiff>(
    `${pipelinePath(pipelineId)}/diff`,
    { from_version: fromVersion, to_version: toVersion },
    signal,
  );
}

/** POST /pipelines/{id}/versions/{n}/restore: the version becomes the draft, as a new version. */
export function restoreVersion(pipelineId: string, number: number, rowVersion: number): Promise<PipelineDetail> {
  return requestJson<PipelineDetail>("POST", `${pipelinePath(pipelineId)}/versions/${number}/restore`, {
    body: { row_version: rowVersion },
  });
}
