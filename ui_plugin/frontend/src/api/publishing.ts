/** Publishing a pipeline to Airflow's DAG bundle, its parse status, and its runs. */

import { getJson, requestJson } from "./client";
import type { Page } from "./pipelines";
import { pipelinePath } from "./versions";

/** Where the published version stands in Airflow. */
export type ParseState = "not_published" | "pending" | "parsed" | "error" | "stale";

/** What Airflow made of the published spec. */
export interface ParseStatus {
  state: ParseState;
  message: string | null;
  last_parsed_time: string | null;
  parsed_content_hash: string | null;
  /** Whether the DAG is paused in Airflow (its runs wait); null while Airflow does not know it. */
  is_paused: boolean | null;
}

/** A version written to the DAG bundle (POST /publish). */
export interface Published {
  pipeline_id: string;
  version: number;
  content_hash: string;
  dag_id: string;
  path: string;
  published_at: string;
}

/** The version in force, Airflow's parse status, and the DAG's page (GET /publication). */
export interface Publication {
  pipeline_id: string;
  published: boolean;
  version: number | null;
  content_hash: string | null;
  published_by: string | null;
  published_at: string | null;
  dag_id: string;
  parse: ParseStatus;
  /** The DAG's page in Airflow's UI, relative to Airflow's base URL. */
  dag_url: string;
  history: { version: number; content_hash: string; published_by: string; published_at: string }[];
}

/** One DAG run of a pipeline. */
export interface Run {
  dag_id: string;
  run_id: string;
  state: string | null;
  run_type: string;
  logical_date: string | null;
  run_after: string | null;
  queued_at: string | null;
  start_date: string | null;
  end_date: string | null;
  triggered_by: string | null;
  note: string | null;
  content_hash: string | null;
  /** The pipeline version the run used; null when unknown. */
  version: number | null;
}

/** One task instance of a run, with the pipeline nodes its task runs. */
export interface RunTask {
  task_id: string;
  map_index: number;
  state: string | null;
  try_number: number;
  start_date: string | null;
  end_date: string | null;
  duration: number | null;
  nodes: string[];
}

/** A run with its task instances. */
export interface RunDetail extends Run {
  tasks: RunTask[];
}

/** POST /pipelines/{id}/publish: write `version` into the DAG bundle. */
export function publishVersion(pipelineId: string, version: number): Promise<Published> {
  return requestJson<Published>("POST", `${pipelinePath(pipelineId)}/publish`, { body: { version } });
}

/** GET /pipelines/{id}/publication. */
export function getPublication(pipelineId: string, signal?: AbortSignal): Promise<Publication> {
  return getJson<Publication>(`${pipelinePath(pipelineId)}/publication`, {}, signal);
}

/** POST /pipelines/{id}/runs: queue a manual run of the published version. */
export function triggerRun(pipelineId: string): Promise<Run> {
  return requestJson<Run>("POST", `${pipelinePath(pipelineId)}/runs`, { body: {} });
}

/** GET /pipelines/{id}/runs, newest first. */
export function listRuns(pipelineId: string, signal?: AbortSignal): Promise<Page<Run>> {
  return getJson<Page<Run>>(`${pipelinePath(pipelineId)}/runs`, { limit: 25 }, signal);
}

/** GET /pipelines/{id}/runs/{run_id}. */
export function getRun(pipelineId: string, runId: string, signal?: AbortSignal): Promise<RunDetail> {
  return getJson<RunDetail>(`${pipelinePath(pipelineId)}/runs/${encodeURIComponent(runId)}`, {}, signal);
}
