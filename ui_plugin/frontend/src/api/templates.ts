/** The templates resource of the aggregator API: the gallery, instantiation, templates from pipelines. */

import { getJson, requestJson } from "./client";
import type { Page } from "./pipelines";

/** A declared parameter of a template (`TemplateParameterOut`). */
export interface TemplateParameter {
  name: string;
  /** string, integer, number, boolean, connection or list. */
  type: string;
  default: unknown;
  description: string;
  required: boolean;
  enum: unknown[] | null;
  pattern: string | null;
  /** The type of each element of a list parameter. */
  items: string | null;
}

/** A template as the gallery lists it (`TemplateSummary`). */
export interface TemplateSummary {
  id: string;
  title: string;
  description: string;
  tags: string[];
  /** Shipped with the aggregator: read-only. */
  builtin: boolean;
  parameters: TemplateParameter[];
  created_by: string | null;
  created_at: string | null;
}

/** GET /templates: built-in templates first, then the stored ones by id. */
export function listTemplates(
  query: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<Page<TemplateSummary>> {
  return getJson<Page<TemplateSummary>>("templates", { ...query }, signal);
}

/** The body of POST /templates/{id}/instantiate. */
export interface InstantiateRequest {
  parameters: Record<string, unknown>;
  pipeline_id: string;
  create: boolean;
}

/** What instantiating gives: the spec, and the pipeline when it was created. */
export interface InstantiateResult {
  spec: Record<string, unknown>;
  pipeline: { id: string; row_version: number } | null;
}

/** POST /templates/{id}/instantiate. */
export function instantiateTemplate(templateId: string, request: InstantiateRequest): Promise<InstantiateResult> {
  return requestJson<InstantiateResult>("POST", `templates/${encodeURIComponent(templateId)}/instantiate`, {
    body: request,
  });
}

/** The body of POST /pipelines/{id}/template: parameter names map to the paths of their values. */
export interface TemplateFromPipelineRequest {
  template_id: string;
  title: string;
  description?: string;
  parameters: Record<string, string>;
}

/** POST /pipelines/{id}/template: save a template made from the pipeline's draft. */
export function createTemplateFromPipeline(
  pipelineId: string,
  request: TemplateFromPipelineRequest,
): Promise<TemplateSummary> {
  return requestJson<TemplateSummary>("POST", `pipelines/${encodeURIComponent(pipelineId)}/template`, {
    body: request,
  });
}
