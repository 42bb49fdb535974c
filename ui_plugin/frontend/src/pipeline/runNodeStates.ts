import type { RunDetail } from "../api/publishing";

/** Airflow's task states from the most to the least telling, to combine mapped instances. */
const PRECEDENCE = [
  "failed",
  "upstream_failed",
  "up_for_retry",
  "running",
  "restarting",
  "deferred",
  "queued",
  "scheduled",
  "up_for_reschedule",
  "skipped",
  "removed",
  "success",
];

function rank(state: string): number {
  const index = PRECEDENCE.indexOf(state);
  return index === -1 ? PRECEDENCE.length : index;
}

/**
 * The state of each pipeline node in a run: a task's state goes to every node it runs (a fused
 * chain colours all its nodes); instances of a mapped task combine to the most telling state.
 * Tasks without a state yet read "none".
 */
export function runNodeStates(run: RunDetail): Record<string, string> {
  const states: Record<string, string> = {};
  for (const task of run.tasks) {
    const state = task.state ?? "none";
    for (const node of task.nodes) {
      const known = states[node];
      if (known === undefined || rank(state) < rank(known)) {
        states[node] = state;
      }
    }
  }
  return states;
}

/** Whether a run can still change: Airflow's run states other than success and failed. */
export function runIsActive(state: string | null): boolean {
  return state !== "success" && state !== "failed";
}
