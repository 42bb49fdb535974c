/** Deleting several pipelines, one request each, so one refusal does not stop the others. */

import { ApiError, requestJson } from "../api/client";
import type { PipelineListItem } from "../api/pipelines";

/** DELETE /pipelines/{id}, only if nobody changed it since `rowVersion` was read. */
export function deletePipeline(id: string, rowVersion: number): Promise<void> {
  return requestJson<void>("DELETE", `pipelines/${encodeURIComponent(id)}`, { query: { row_version: rowVersion } });
}

/** What became of each pipeline: deleted, or the error the API answered. */
export type DeletionOutcome = Record<string, "deleted" | ApiError>;

/** Delete each pipeline in turn, reporting every outcome as it comes. */
export async function deleteEach(
  pipelines: PipelineListItem[],
  onOutcome: (id: string, outcome: "deleted" | ApiError) => void,
): Promise<DeletionOutcome> {
  const outcomes: DeletionOutcome = {};
  for (const pipeline of pipelines) {
    try {
      await deletePipeline(pipeline.id, pipeline.row_version);
      outcomes[pipeline.id] = "deleted";
    } catch (error) {
      outcomes[pipeline.id] = error instanceof ApiError ? error : new ApiError(0, String(error));
    }
    onOutcome(pipeline.id, outcomes[pipeline.id] as "deleted" | ApiError);
  }
  return outcomes;
}
