/** The pipelines resource of the aggregator API, as lists show it. */

import { getJson } from "./client";

/** A pipeline without its spec (`PipelineSummary` in the API). */
export interface PipelineSummary {
  id: string;
  name: string | null;
  description: string | null;
  owner: string;
  tags: string[];
  status: "draft" | "published" | "deleted";
  row_version: number;
  updated_by: string;
  updated_at: string;
}

/** One page of a list and how many items match in all. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type PipelineSort = "id" | "name" | "updated";

/** What to list: `search` matches a part of the id, name or description. */
export interface PipelineListQuery {
  search?: string;
  sort?: PipelineSort;
  descending?: boolean;
  limit: number;
  offset: number;
}

/** GET /pipelines. */
export function listPipelines(query: PipelineListQuery, signal?: AbortSignal): Promise<Page<PipelineSummary>> {
  return getJson<Page<PipelineSummary>>("pipelines", { ...query }, signal);
}
