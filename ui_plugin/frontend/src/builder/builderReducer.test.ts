import { describe, expect, it } from "vitest";

import type { PipelineSpec } from "../spec/types";
import { type BuilderAction, type BuilderState, builderReducer, HISTORY_LIMIT, initialBuilderState, isDirty } from "./builderReducer";

const spec: PipelineSpec = {
  apiVersion: "aggregator/v1",
  id: "p",
  nodes: [
    { id: "orders", type: "source.file", config: {} },
    { id: "load", type: "sink.file", inputs: [], config: {} },
  ],
};

const run = (actions: BuilderAction[], from: BuilderState = initialBuilderState(spec)) => actions.reduce(builderReducer, from);
const ids = (state: BuilderState) => state.present.nodes.map((node) => node.id);

describe("builderReducer", () => {
  it("undoes and redoes each edit in order", () => {
    const edited = run([
      { type: "addNodes", nodes: [{ id: "paid", type: "transform.filter", config: {} }] },
      { type: "connect", source: "orders", target: "paid" },
    ]);
    expect(edited.present.nodes[2]?.inputs).toEqual(["orders"]);

    const once = run([{ type: "undo" }], edited);
    expect(once.present.nodes[2]?.inputs).toBeUndefined();
    const twice = run([{ type: "undo" }], once);
    expect(twice.present).toBe(spec);
    expect(run([{ type: "undo" }], twice)).toBe(twice);

    const redone = run([{ type: "redo" }, { type: "redo" }], twice);
    expect(redone.present).toEqual(edited.present);
    expect(run([{ type: "redo" }], redone)).toBe(redone);
  });

  it("drops the redo steps when a new edit follows an undo", () => {
    const state = run([
      { type: "remove", nodes: ["load"], inputs: [] },
      { type: "undo" },
      { type: "addNodes", nodes: [{ id: "x", type: "sink.file" }] },
    ]);
    expect(state.future).toEqual([]);
    expect(ids(state)).toEqual(["orders", "load", "x"]);
    expect(ids(run([{ type: "undo" }], state))).toEqual(["orders", "load"]);
  });

  it("makes one undo step of a whole drag, and a new one for the next drag", () => {
    const drag = (x: number, dragging: boolean): BuilderAction => ({ type: "moveNodes", positions: { load: { x, y: 0 } }, dragging });
    const state = run([drag(10, true), drag(20, true), drag(30, false), drag(40, true), drag(50, false)]);
    expect(state.present.nodes[1]?.ui).toEqual({ position: { x: 50, y: 0 } });
    expect(state.past).toHaveLength(2);
    expect(run([{ type: "undo" }], state).present.nodes[1]?.ui).toEqual({ position: { x: 30, y: 0 } });
    expect(run([{ type: "undo" }, { type: "undo" }], state).present).toBe(spec);
  });

  it("ignores edits that change nothing", () => {
    const state = initialBuilderState(spec);
    expect(builderReducer(state, { type: "replaceSpec", spec: structuredClone(spec) })).toBe(state);
  });

  it("removes edges before nodes so input indexes stay right", () => {
    const joined: PipelineSpec = {
      ...spec,
      nodes: [
        { id: "a", type: "source.file" },
        { id: "b", type: "source.file" },
        { id: "j", type: "transform.join", inputs: ["a", "b"] },
      ],
    };
    const state = run([{ type: "remove", nodes: ["a"], inputs: [{ source: "b", target: "j", index: 1 }] }], initialBuilderState(joined));
    expect(state.present.nodes).toEqual([
      { id: "b", type: "source.file" },
      { id: "j", type: "transform.join", inputs: [] },
    ]);
  });

  it("is dirty until saved, and keeps at most HISTORY_LIMIT steps", () => {
    let state = initialBuilderState(spec);
    expect(isDirty(state)).toBe(false);
    for (let step = 0; step < HISTORY_LIMIT + 5; step += 1) {
      state = builderReducer(state, { type: "addNodes", nodes: [{ id: `n${step}`, type: "source.file" }] });
    }
    expect(state.past).toHaveLength(HISTORY_LIMIT);
    expect(isDirty(state)).toBe(true);
    const saved = builderReducer(state, { type: "saved", spec: state.present });
    expect(isDirty(saved)).toBe(false);
    expect(isDirty(builderReducer(saved, { type: "undo" }))).toBe(true);
  });

  it("merges consecutive edits of one node's settings into one step", () => {
    const node = (where: string) => ({ id: "orders", type: "source.file", config: { where } });
    const state = run([
      { type: "replaceNode", id: "orders", node: node("a") },
      { type: "replaceNode", id: "orders", node: node("ab") },
      { type: "replaceNode", id: "orders", node: node("abc") },
    ]);
    expect(state.past).toHaveLength(1);
    expect(run([{ type: "undo" }], state).present).toBe(spec);
  });
});
