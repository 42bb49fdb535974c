import { useCallback, useEffect, useState } from "react";

import { ApiError } from "../api/client";
import { listPipelines, type Page, type PipelineListQuery, type PipelineListItem } from "../api/pipelines";

/** The list as the page shows it: still loading, failed, or one page of pipelines. */
export type PipelineListState =
  | { kind: "loading"; previous: Page<PipelineListItem> | undefined }
  | { kind: "failed"; error: ApiError }
  | { kind: "loaded"; page: Page<PipelineListItem> };

/** Fetch the pipelines `query` selects; a newer query cancels the request of an older one. */
export function usePipelineList(query: PipelineListQuery): { state: PipelineListState; reload: () => void } {
  const [state, setState] = useState<PipelineListState>({ kind: "loading", previous: undefined });
  const [attempt, setAttempt] = useState(0);
  const { search, sort, descending, limit, offset } = query;

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ kind: "loading", previous: current.kind === "loaded" ? current.page : undefined }));
    listPipelines(
      {
        limit,
        offset,
        ...(search ? { search } : {}),
        ...(sort ? { sort } : {}),
        ...(descending ? { descending } : {}),
      },
      controller.signal,
    ).then(
      (page) => setState({ kind: "loaded", page }),
      (error: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        setState({
          kind: "failed",
          error: error instanceof ApiError ? error : new ApiError(0, String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [search, sort, descending, limit, offset, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, reload };
}
