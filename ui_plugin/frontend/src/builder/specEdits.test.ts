import { describe, expect, it } from "vitest";

import type { PipelineSpec } from "../spec/types";
import { freshNodeId, newNodeId, nextFreePosition, pastedNodes, removeInputs, removeNodes, replaceNode } from "./specEdits";

const spec: PipelineSpec = {
  apiVersion: "aggregator/v1",
  id: "p",
  nodes: [
    { id: "orders", type: "source.file", config: { path: "a.csv" }, ui: { position: { x: 0, y: 0 } } },
    { id: "paid", type: "transform.filter", inputs: ["orders"], config: { where: "paid" }, ui: { position: { x: 200, y: 0 } } },
    { id: "load", type: "sink.file", inputs: ["paid"], config: {}, "x-keep": 1 },
  ],
};

describe("node ids", () => {
  it("names a new node after its type's kind with a counter", () => {
    expect(newNodeId("transform.filter", ["filter_1", "filter_2"])).toBe("filter_3");
    expect(newNodeId("source.sql_query", [])).toBe("sql_query_1");
  });

  it("keeps a free id and numbers a taken one", () => {
    expect(freshNodeId("orders", ["paid"])).toBe("orders");
    expect(freshNodeId("orders", ["orders", "orders_2"])).toBe("orders_3");
    expect(freshNodeId("filter_1", ["filter_1"])).toBe("filter_2");
    expect(freshNodeId("bad id!", [])).toBe("bad_id_");
  });
});

describe("pastedNodes", () => {
  it("gives copies fresh ids, shifts them, and keeps only edges between copied nodes", () => {
    const copied = spec.nodes.slice(1);
    const copies = pastedNodes(spec, copied, { x: 40, y: 40 });
    expect(copies.map((node) => node.id)).toEqual(["paid_2", "load_2"]);
    expect(copies[0]?.inputs).toEqual([]);
    expect(copies[1]?.inputs).toEqual(["paid_2"]);
    expect(copies[0]?.ui?.position).toEqual({ x: 240, y: 40 });
    expect(copies[1]?.["x-keep"]).toBe(1);
    expect(copies[0]?.config).toEqual({ where: "paid" });
    // Pasting twice gives ids unique against the copies already pasted too.
    const again = pastedNodes({ ...spec, nodes: [...spec.nodes, ...copies] }, copied, { x: 80, y: 80 });
    expect(again.map((node) => node.id)).toEqual(["paid_3", "load_3"]);
  });
});

describe("edits", () => {
  it("removes nodes and the inputs that read them", () => {
    const after = removeNodes(spec, ["paid"]);
    expect(after.nodes.map((node) => node.id)).toEqual(["orders", "load"]);
    expect(after.nodes[1]?.inputs).toEqual([]);
    expect(after.nodes[1]?.["x-keep"]).toBe(1);
  });

  it("removes one input by its index", () => {
    const joined: PipelineSpec = { ...spec, nodes: [{ id: "j", type: "transform.join", inputs: ["a", "b", "a"] }] };
    expect(removeInputs(joined, [{ source: "a", target: "j", index: 2 }]).nodes[0]?.inputs).toEqual(["a", "b"]);
  });

  it("leaves an input whose place another node took since the edge was drawn", () => {
    // The edge a->j#0 was drawn, then removed; the canvas has not caught up and removes it again.
    const joined: PipelineSpec = { ...spec, nodes: [{ id: "j", type: "transform.join", inputs: ["b", "c"] }] };
    expect(removeInputs(joined, [{ source: "a", target: "j", index: 0 }]).nodes[0]?.inputs).toEqual(["b", "c"]);
  });

  it("renames a node's readers along with it", () => {
    const node = { ...(spec.nodes[1] as PipelineSpec["nodes"][number]), id: "paid_orders" };
    const after = replaceNode(spec, "paid", node);
    expect(after.nodes[1]?.id).toBe("paid_orders");
    expect(after.nodes[2]?.inputs).toEqual(["paid_orders"]);
  });

  it("puts a clicked-in node right of the rightmost one", () => {
    expect(nextFreePosition(spec, { load: { x: 520, y: 10 } })).toEqual({ x: 780, y: 10 });
    expect(nextFreePosition({ ...spec, nodes: [] }, {})).toEqual({ x: 0, y: 0 });
  });
});
