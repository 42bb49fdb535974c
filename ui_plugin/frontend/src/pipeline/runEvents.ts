import { useEffect } from "react";

import type { Run } from "../api/publishing";

const RUN_TRIGGERED = "aggregator:run-triggered";

/** Tell the page a run was queued, so the runs panel follows it. */
export function announceRun(run: Run): void {
  window.dispatchEvent(new CustomEvent<Run>(RUN_TRIGGERED, { detail: run }));
}

/** Call `onRun` for each run queued from this page for the DAG `dagId`. */
export function useAnnouncedRuns(dagId: string | null, onRun: (run: Run) => void): void {
  useEffect(() => {
    const listener = (event: Event) => {
      const run = (event as CustomEvent<Run>).detail;
      if (run.dag_id === dagId) {
        onRun(run);
      }
    };
    window.addEventListener(RUN_TRIGGERED, listener);
    return () => window.removeEventListener(RUN_TRIGGERED, listener);
  }, [dagId, onRun]);
}
