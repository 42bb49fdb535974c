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

/** A pipeline's DAG as Airflow has it; all null while Airflow has no such DAG or you may not read it. */
export interface DagActivity {
  is_paused: boolean | null;
  /** State of the newest run (`success`, `running`, ...). */
  last_run_state: string | null;
  /** When the newest run was due. */
  last_run_at: string | null;
  /** When the scheduler creates the next run; null without a schedule or while paused. */
  next_run_at: string | null;
}

/** A pipeline as GET /pipelines lists it: with its published version and its DAG in Airflow. */
export interface PipelineListItem extends PipelineSummary {
  published_version: number | null;
  dag: DagActivity;
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
export function listPipelines(query: PipelineListQuery, signal?: AbortSignal): Promise<Page<PipelineListItem>> {
  return getJson<Page<PipelineListItem>>("pipelines", { ...query }, signal);
}
