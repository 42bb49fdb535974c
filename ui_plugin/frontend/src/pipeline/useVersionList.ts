import { useCallback, useEffect, useState } from "react";

import type { Page } from "../api/pipelines";
import { listVersions, type VersionSummary } from "../api/versions";
import { errorText } from "./errorText";

/** A pipeline's versions: loading, loaded (newest first) or failed. */
export type VersionListState =
  | { kind: "loading" }
  | { kind: "loaded"; page: Page<VersionSummary> }
  | { kind: "failed"; message: string };

/** The versions of `pipelineId`, loaded again whenever `latestVersion` changes. */
export function useVersionList(
  pipelineId: string,
  latestVersion: number | null,
): { state: VersionListState; reload: () => void } {
  const [state, setState] = useState<VersionListState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    // A reload keeps the list on screen until the new one arrives.
    setState((current) => (current.kind === "loaded" ? current : { kind: "loading" }));
    listVersions(pipelineId, controller.signal).then(
      (page) => setState({ kind: "loaded", page }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: "failed", message: errorText(error) });
        }
      },
    );
    return () => controller.abort();
  }, [pipelineId, latestVersion, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, reload };
}
