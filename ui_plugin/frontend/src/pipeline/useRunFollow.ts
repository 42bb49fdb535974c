import { useEffect, useState } from "react";

import { getRun, type RunDetail } from "../api/publishing";
import { errorText } from "./errorText";
import { runIsActive } from "./runNodeStates";
import { useInterval } from "./useInterval";

/** How often a running run is asked for again. */
export const RUN_POLL_MS = 3000;

/** A followed run: loading, its latest state, or why it could not be read. */
export type RunFollowState =
  | { kind: "none" }
  | { kind: "loading" }
  | { kind: "loaded"; run: RunDetail }
  | { kind: "failed"; message: string };

/** Read run `runId` of `pipelineId`, and again every {@link RUN_POLL_MS} while it is not finished. */
export function useRunFollow(pipelineId: string, runId: string | null): RunFollowState {
  const [state, setState] = useState<RunFollowState>({ kind: "none" });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (runId === null) {
      setState({ kind: "none" });
      return;
    }
    const controller = new AbortController();
    setState((current) => (current.kind === "loaded" && current.run.run_id === runId ? current : { kind: "loading" }));
    getRun(pipelineId, runId, controller.signal).then(
      (run) => setState({ kind: "loaded", run }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: "failed", message: errorText(error) });
        }
      },
    );
    return () => controller.abort();
  }, [pipelineId, runId, tick]);

  const active = state.kind === "loaded" && runIsActive(state.run.state);
  useInterval(() => setTick((count) => count + 1), active ? RUN_POLL_MS : null);
  return state;
}
