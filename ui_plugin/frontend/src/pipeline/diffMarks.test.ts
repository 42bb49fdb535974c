import { describe, expect, it } from "vitest";

import type { SpecDiff } from "../api/versions";
import { diffMarks } from "./diffMarks";

function diffWith(parts: Partial<SpecDiff["nodes"]> & { edges?: SpecDiff["edges"] }): SpecDiff {
  const { edges = { added: [], removed: [] }, ...nodes } = parts;
  return {
    from_version: 1,
    to_version: "draft",
    summary: "",
    pipeline: [],
    nodes: { added: [], removed: [], renamed: [], changed: [], ...nodes },
    edges,
  };
}

describe("diffMarks", () => {
  it("marks added, removed and changed nodes", () => {
    const marks = diffMarks(
      diffWith({
        added: [{ id: "new", type: "sink.file" }],
        removed: [{ id: "gone", type: "transform.filter" }],
        changed: [{ id: "orders", fields: [], config: [{ path: "path", change: "changed", old: "a", new: "b" }] }],
      }),
    );
    expect(marks).toEqual({ new: "added", gone: "removed", orders: "changed" });
  });

  it("marks a renamed node, and a node whose inputs changed, as changed under its new id", () => {
    const marks = diffMarks(
      diffWith({
        renamed: [{ from: "clean", to: "cleaned" }],
        edges: { added: [{ from: "orders", to: "load" }], removed: [{ from: "old", to: "report" }] },
      }),
    );
    expect(marks).toEqual({ cleaned: "changed", load: "changed", report: "changed" });
  });

  it("keeps an added node marked added when its edges are new too", () => {
    const marks = diffMarks(
      diffWith({
        added: [{ id: "copy", type: "sink.file" }],
        edges: { added: [{ from: "orders", to: "copy" }], removed: [] },
      }),
    );
    expect(marks).toEqual({ copy: "added" });
  });

  it("marks nothing for an empty diff", () => {
    expect(diffMarks(diffWith({}))).toEqual({});
  });
});
