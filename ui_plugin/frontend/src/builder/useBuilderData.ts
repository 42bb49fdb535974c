import { useCallback, useEffect, useRef, useState } from "react";

import { ApiError } from "../api/client";
import { arrivedBuilderData, getPipeline, listComponents, type PipelineDetail } from "../api/components";
import type { ComponentInfo } from "../spec/types";

/** What the builder needs before it opens: the node types and, unless new, the pipeline. */
export type BuilderDataState =
  | { kind: "loading" }
  | { kind: "failed"; error: ApiError; subject: string }
  | { kind: "loaded"; components: ComponentInfo[]; pipeline: PipelineDetail | null };

/**
 * Load the palette (GET /components) and the pipeline `pipelineId` (GET /pipelines/{id}), if any.
 * Loaded from the start when the page's early requests have already brought both.
 */
export function useBuilderData(pipelineId: string | null): { state: BuilderDataState; reload: () => void } {
  const [state, setState] = useState<BuilderDataState>(() => {
    const arrived = arrivedBuilderData(pipelineId);
    return arrived ? { kind: "loaded", ...arrived } : { kind: "loading" };
  });
  const [attempt, setAttempt] = useState(0);
  // The pipeline whose data the early requests brought: it is not loaded again.
  const arrivedFor = useRef(state.kind === "loaded" ? pipelineId : undefined);

  useEffect(() => {
    if (attempt === 0 && arrivedFor.current === pipelineId) {
      // Used now: a reload or a later visit asks the server.
      arrivedBuilderData(pipelineId, { take: true });
      return;
    }
    arrivedFor.current = undefined;
    const controller = new AbortController();
    setState({ kind: "loading" });
    const failed = (subject: string) => (error: unknown) => {
      throw { subject, error: error instanceof ApiError ? error : new ApiError(0, String(error)) };
    };
    Promise.all([
      listComponents(controller.signal).catch(failed("node types")),
      pipelineId === null
        ? Promise.resolve(null)
        : getPipeline(pipelineId, controller.signal).catch(failed("the pipeline")),
    ]).then(
      ([components, pipeline]) => setState({ kind: "loaded", components, pipeline }),
      (reason: { subject: string; error: ApiError }) => {
        if (!controller.signal.aborted) {
          setState({ kind: "failed", error: reason.error, subject: reason.subject });
        }
      },
    );
    return () => controller.abort();
  }, [pipelineId, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, reload };
}
