/**
 * The API routes the builder calls, answered with the real response shapes on top of the
 * fake `fetch` of src/testing (the network boundary).
 */
import type { PipelineDetail } from "../../api/components";
import type { Permission } from "../../api/me";
import { fakeRoutes, pipelineDetail, type SeenRequest } from "../../pipeline/testing/fakeRoutes";
import type { PipelineSpec, SpecIssue } from "../../spec/types";
import type { Answer } from "../../testing/fakeApi";
import { NODE_TYPES } from "./nodeTypes";

/** Every permission an Op holds: edit pipelines and code, publish. */
export const EDITOR: Permission[] = [
  { action: "can_read", resource: "Aggregator Pipelines" },
  { action: "can_create", resource: "Aggregator Pipelines" },
  { action: "can_edit", resource: "Aggregator Pipelines" },
  { action: "can_edit", resource: "Aggregator Code" },
  { action: "can_create", resource: "Aggregator Publish" },
];

/** A Viewer: reads only. */
export const VIEWER: Permission[] = [{ action: "can_read", resource: "Aggregator Pipelines" }];

/** What the fake API holds. */
export interface BuilderApi {
  /** The pipelines GET /pipelines/{id} finds. */
  pipelines?: PipelineDetail[];
  permissions?: Permission[];
  /** What POST /validate answers. */
  issues?: SpecIssue[];
}

/**
 * Answer GET /components, /me, /pipelines/{id} and POST /validate, /pipelines (which stores the
 * new pipeline); 404 for anything else.
 */
export function fakeBuilderApi({ pipelines = [], permissions = EDITOR, issues = [] }: BuilderApi): SeenRequest[] {
  const stored = [...pipelines];
  return fakeRoutes(({ method, path, body }): Answer => {
    if (method === "GET" && path === "components") {
      return { status: 200, body: NODE_TYPES };
    }
    if (method === "GET" && path === "me") {
      return { status: 200, body: { name: "tester", permissions } };
    }
    if (method === "POST" && path === "validate") {
      return { status: 200, body: { valid: issues.length === 0, errors: issues } };
    }
    if (method === "POST" && path === "pipelines") {
      const created = pipelineDetail((body as { spec: PipelineSpec }).spec);
      stored.push(created);
      return { status: 201, body: created };
    }
    const found = stored.find((pipeline) => method === "GET" && path === `pipelines/${pipeline.id}`);
    if (found) {
      return { status: 200, body: found };
    }
    return { status: 404, body: { detail: { error: "not_found", message: `No ${path} here.` } } };
  });
}
