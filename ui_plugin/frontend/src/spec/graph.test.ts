import { describe, expect, it } from "vitest";

import { edgeId, graphToSpec, specToGraph } from "./graph";
import type { PipelineSpec } from "./types";

const base = { apiVersion: "aggregator/v1" as const, id: "orders_daily" };

/** Specs of every shape the round trip must keep exactly, unknown keys included. */
const SPECS: [string, PipelineSpec][] = [
  ["no nodes", { ...base, nodes: [] }],
  ["one node without position or inputs", { ...base, nodes: [{ id: "orders", type: "source.file", config: { path: "a.csv" } }] }],
  [
    "a chain with positions",
    {
      ...base,
      name: "Daily orders",
      schedule: "@daily",
      nodes: [
        { id: "orders", type: "source.file", config: { path: "a.csv" }, ui: { position: { x: 10, y: 20 } } },
        { id: "paid", type: "transform.filter", inputs: ["orders"], config: { where: "paid" }, ui: { position: { x: 300, y: 20 } } },
        { id: "load", type: "sink.file", inputs: ["paid"], config: { path: "b.parquet" }, ui: { position: { x: 600.5, y: -40.25 } } },
      ],
    },
  ],
  [
    "inputs in an order that is not the node order, a node read twice",
    {
      ...base,
      nodes: [
        { id: "b", type: "source.file", config: {} },
        { id: "a", type: "source.file", config: {} },
        { id: "j", type: "transform.join", inputs: ["a", "b"], config: { on: ["id"] } },
        { id: "self", type: "transform.join", inputs: ["a", "a"], config: {} },
      ],
    },
  ],
  [
    "unknown keys at every level, an empty inputs list and a ui without position",
    {
      ...base,
      defaults: { retries: 2, retry_delay: "5m" },
      params: { min_amount: 10 },
      "x-team": { slack: "#data" },
      nodes: [
        { id: "s", type: "source.http", inputs: [], config: { url: "http://x" }, ui: {}, "x-note": "kept" },
        { id: "t", type: "custom.thing", inputs: ["s", "missing"], config: { nested: { deep: [1, { two: 2 }] } }, ui: { position: { x: 1, y: 2 }, collapsed: true } as never },
      ],
    },
  ],
  [
    "a cycle (invalid, still kept as written)",
    {
      ...base,
      nodes: [
        { id: "a", type: "transform.filter", inputs: ["b"], config: {} },
        { id: "b", type: "transform.filter", inputs: ["a"], config: {} },
      ],
    },
  ],
];

describe("spec <-> graph", () => {
  it.each(SPECS)("round-trips without loss: %s", (_, spec) => {
    const snapshot = structuredClone(spec);
    const back = graphToSpec(spec, specToGraph(spec));
    expect(back).toEqual(snapshot);
    expect(JSON.stringify(back)).toBe(JSON.stringify(snapshot));
    // The conversion never changes what it was given.
    expect(spec).toEqual(snapshot);
  });

  it("draws an edge per input, in the order of the target's inputs", () => {
    const [, spec] = SPECS[3] as [string, PipelineSpec];
    const { edges } = specToGraph(spec);
    expect(edges.map((edge) => [edge.source, edge.target, edge.data?.index])).toEqual([
      ["a", "j", 0],
      ["b", "j", 1],
      ["a", "self", 0],
      ["a", "self", 1],
    ]);
    expect(new Set(edges.map((edge) => edge.id)).size).toBe(edges.length);
  });

  it("places nodes without a position by depth, and writes a position once a node moves", () => {
    const spec: PipelineSpec = {
      ...base,
      nodes: [
        { id: "src", type: "source.file", config: {} },
        { id: "out", type: "sink.file", inputs: ["src"], config: {} },
      ],
    };
    const graph = specToGraph(spec);
    const [source, sink] = graph.nodes;
    expect(source?.position.x).toBeLessThan(sink?.position.x ?? 0);
    expect(source?.data.placed).toBe(false);

    const moved = { ...graph, nodes: graph.nodes.map((node) => (node.id === "out" ? { ...node, position: { x: 900, y: 5 } } : node)) };
    const back = graphToSpec(spec, moved);
    expect(back.nodes[1]?.ui).toEqual({ position: { x: 900, y: 5 } });
    expect(back.nodes[0]).toEqual(spec.nodes[0]);
  });

  it("orders inputs by edge index and puts new edges last", () => {
    const spec: PipelineSpec = {
      ...base,
      nodes: [
        { id: "a", type: "source.file", config: {} },
        { id: "b", type: "source.file", config: {} },
        { id: "c", type: "source.file", config: {} },
        { id: "u", type: "transform.union", inputs: ["b", "a"], config: {} },
      ],
    };
    const graph = specToGraph(spec);
    const edges = [{ id: "new", source: "c", target: "u" }, ...[...graph.edges].reverse()];
    expect(graphToSpec(spec, { ...graph, edges }).nodes[3]?.inputs).toEqual(["b", "a", "c"]);
    expect(edgeId("a", "u", 1)).toBe("a->u#1");
  });
});
