import { useCallback, useEffect, useState } from "react";

import { ApiError } from "../api/client";
import type { Page } from "../api/pipelines";
import { listTemplates, type TemplateSummary } from "../api/templates";

/** The gallery as the page shows it: still loading, failed, or one page of templates. */
export type TemplateListState =
  | { kind: "loading" }
  | { kind: "failed"; error: ApiError }
  | { kind: "loaded"; page: Page<TemplateSummary> };

/** Fetch one page of templates; a newer page cancels the request of an older one. */
export function useTemplateList(limit: number, offset: number): { state: TemplateListState; reload: () => void } {
  const [state, setState] = useState<TemplateListState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: "loading" });
    listTemplates({ limit, offset }, controller.signal).then(
      (page) => setState({ kind: "loaded", page }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: "failed", error: error instanceof ApiError ? error : new ApiError(0, String(error)) });
        }
      },
    );
    return () => controller.abort();
  }, [limit, offset, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, reload };
}
