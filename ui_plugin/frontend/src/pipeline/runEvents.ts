import { useCallback } from "react";

import type { Run } from "../api/publishing";
import { announce, useAnnouncements } from "./pageEvents";

const RUN_TRIGGERED = "aggregator:run-triggered";

/** Tell the page a run was queued, so the runs panel follows it. */
export function announceRun(run: Run): void {
  announce(RUN_TRIGGERED, run);
}

/** Call `onRun` for each run queued from this page for the DAG `dagId`. */
export function useAnnouncedRuns(dagId: string | null, onRun: (run: Run) => void): void {
  useAnnouncements(
    RUN_TRIGGERED,
    useCallback((run: Run) => run.dag_id === dagId && onRun(run), [dagId, onRun]),
  );
}
