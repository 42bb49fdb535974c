import { describe, expect, it } from "vitest";

import type { RunDetail } from "../api/publishing";
import { runIsActive, runNodeStates } from "./runNodeStates";

function run(tasks: [string, number, string | null, string[]][]): RunDetail {
  return {
    dag_id: "p",
    run_id: "r",
    state: "running",
    run_type: "manual",
    logical_date: null,
    run_after: null,
    queued_at: null,
    start_date: null,
    end_date: null,
    triggered_by: null,
    note: null,
    content_hash: null,
    version: null,
    tasks: tasks.map(([task_id, map_index, state, nodes]) => ({
      task_id,
      map_index,
      state,
      nodes,
      try_number: 1,
      start_date: null,
      end_date: null,
      duration: null,
    })),
  };
}

describe("runNodeStates", () => {
  it("gives a fused task's state to every node it runs", () => {
    expect(runNodeStates(run([["load", -1, "running", ["orders", "paid", "load"]]]))).toEqual({
      orders: "running",
      paid: "running",
      load: "running",
    });
  });

  it("reads none for a task without a state yet", () => {
    expect(runNodeStates(run([["a", -1, null, ["a"]]]))).toEqual({ a: "none" });
  });

  it("combines the instances of a mapped task to the most telling state", () => {
    const states = runNodeStates(
      run([
        ["m", 0, "success", ["m"]],
        ["m", 1, "failed", ["m"]],
        ["m", 2, "running", ["m"]],
        ["n", 0, "success", ["n"]],
        ["n", 1, "running", ["n"]],
      ]),
    );
    expect(states).toEqual({ m: "failed", n: "running" });
  });

  it("tells finished runs from runs that can still change", () => {
    expect(runIsActive("running")).toBe(true);
    expect(runIsActive("queued")).toBe(true);
    expect(runIsActive("success")).toBe(false);
    expect(runIsActive("failed")).toBe(false);
  });
});
