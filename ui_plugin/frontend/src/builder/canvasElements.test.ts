import { Position } from "@xyflow/react";
import { describe, expect, it } from "vitest";

import { specToGraph } from "../spec/graph";
import type { PipelineSpec } from "../spec/types";
import { canvasEdges, canvasNodes, type NodeLook } from "./canvasElements";
import { NODE_HEIGHT, NODE_WIDTH } from "./nodeGeometry";
import type { CanvasNode } from "./SpecNodeView";
import { replaceNode } from "./specEdits";
import { NODE_TYPES_BY_NAME } from "./testing/nodeTypes";

const spec: PipelineSpec = {
  apiVersion: "aggregator/v1",
  id: "p",
  nodes: [
    { id: "orders", type: "source.file", config: { path: "orders.csv" } },
    { id: "paid", type: "transform.filter", inputs: ["orders"], config: { where: "paid" } },
    { id: "load", type: "sink.file", inputs: ["paid"], ui: { position: { x: 600, y: 40 } } },
  ],
};

const look = (extra: Partial<NodeLook> = {}): NodeLook => ({
  selected: new Set(),
  readOnly: false,
  measured: {},
  dragged: null,
  components: NODE_TYPES_BY_NAME,
  issues: {},
  ...extra,
});

describe("canvasNodes", () => {
  it("gives the same array back when nothing about the nodes changed", () => {
    const first = canvasNodes(specToGraph(spec).nodes, look(), []);
    // A new graph of the same spec and a new (equal) issues map change nothing drawn.
    const again = canvasNodes(specToGraph(spec).nodes, look({ issues: {} }), first);
    expect(again).toBe(first);
  });

  it("replaces only the node whose spec changed", () => {
    const first = canvasNodes(specToGraph(spec).nodes, look(), []);
    const edited = replaceNode(spec, "paid", { ...spec.nodes[1]!, config: { where: "paid and big" } });
    const next = canvasNodes(specToGraph(edited).nodes, look(), first);
    expect(next).not.toBe(first);
    expect(next[0]).toBe(first[0]);
    expect(next[1]).not.toBe(first[1]);
    expect(next[1]?.data.spec.config).toEqual({ where: "paid and big" });
    expect(next[2]).toBe(first[2]);
  });

  it("draws a dragged node where it is dragged, and the others as they were", () => {
    const first = canvasNodes(specToGraph(spec).nodes, look(), []);
    const next = canvasNodes(specToGraph(spec).nodes, look({ dragged: { load: { x: 700, y: 90 } } }), first);
    expect(next[2]?.position).toEqual({ x: 700, y: 90 });
    expect(next[0]).toBe(first[0]);
    expect(next[1]).toBe(first[1]);
  });

  it("redraws the nodes whose selection, issues, run state or size changed", () => {
    const first = canvasNodes(specToGraph(spec).nodes, look(), []);
    const issue = { path: "nodes[1].config.where", message: "unknown column paid", line: null, column: null };
    const next = canvasNodes(
      specToGraph(spec).nodes,
      look({
        selected: new Set(["orders"]),
        issues: { paid: [issue] },
        nodeStates: { load: "success" },
        measured: { orders: { width: 200, height: 60 } },
      }),
      first,
    );
    expect(next[0]?.selected).toBe(true);
    expect(next[0]?.measured).toEqual({ width: 200, height: 60 });
    expect(next[1]?.data.issueCount).toBe(1);
    expect(next[2]?.data.runState).toBe("success");
    expect(next.every((node, index) => node !== first[index])).toBe(true);
  });

  it("gives a node not measured yet its expected size and a handle per side its type connects", () => {
    const withUnknown: PipelineSpec = { ...spec, nodes: [...spec.nodes, { id: "odd", type: "custom.thing" }] };
    const nodes = canvasNodes(specToGraph(withUnknown).nodes, look({ nodeStates: { load: "success" } }), []);
    const [orders, paid, load, odd] = nodes;
    const ends = (node: CanvasNode | undefined) =>
      node?.handles?.map((handle) => [handle.type, handle.position, handle.x + (handle.width ?? 0) / 2, handle.y + (handle.height ?? 0) / 2]);
    // A source has only an output; its middle is on the right edge, half way down.
    expect([orders?.initialWidth, orders?.initialHeight]).toEqual([NODE_WIDTH, NODE_HEIGHT]);
    expect(ends(orders)).toEqual([["source", Position.Right, NODE_WIDTH - 1, NODE_HEIGHT / 2]]);
    expect(ends(paid)).toEqual([
      ["target", Position.Left, 1, NODE_HEIGHT / 2],
      ["source", Position.Right, NODE_WIDTH - 1, NODE_HEIGHT / 2],
    ]);
    // An unknown type or a run state adds a row of badges: the node is taller, its handles lower.
    // A run state also widens the border, and the handles sit on its inner edge.
    expect(odd?.initialHeight).toBeGreaterThan(NODE_HEIGHT);
    expect(ends(odd)?.map(([type]) => type)).toEqual(["target", "source"]);
    expect(load?.initialHeight).toBe((odd?.initialHeight ?? 0) + 2);
    expect(ends(load)).toEqual([["target", Position.Left, 2, (load?.initialHeight ?? 0) / 2]]);
  });

  it("leaves a measured node's size and handles to React Flow's measurement", () => {
    const measured = { orders: { width: 231, height: 57 } };
    const [orders, paid] = canvasNodes(specToGraph(spec).nodes, look({ measured }), []);
    expect(orders?.measured).toEqual({ width: 231, height: 57 });
    expect([orders?.initialWidth, orders?.initialHeight, orders?.handles]).toEqual([undefined, undefined, undefined]);
    expect(paid?.handles).toHaveLength(2);
  });

  it("makes nodes read-only: not draggable, connectable or deletable", () => {
    const [node] = canvasNodes(specToGraph(spec).nodes, look({ readOnly: true }), []);
    expect([node?.draggable, node?.connectable, node?.deletable]).toEqual([false, false, false]);
  });
});

describe("canvasEdges", () => {
  it("keeps the edges while only a node's settings change", () => {
    const first = canvasEdges(specToGraph(spec).edges, new Set(), false, []);
    const edited = replaceNode(spec, "paid", { ...spec.nodes[1]!, config: { where: "paid and big" } });
    expect(canvasEdges(specToGraph(edited).edges, new Set(), false, first)).toBe(first);
  });

  it("redraws a selected edge and follows a new input", () => {
    const first = canvasEdges(specToGraph(spec).edges, new Set(), false, []);
    const selected = canvasEdges(specToGraph(spec).edges, new Set([first[0]!.id]), false, first);
    expect(selected[0]?.selected).toBe(true);
    expect(selected[1]).toBe(first[1]);
    const rewired = { ...spec, nodes: [...spec.nodes.slice(0, 2), { ...spec.nodes[2]!, inputs: ["orders"] }] };
    const next = canvasEdges(specToGraph(rewired).edges, new Set(), false, first);
    expect(next.map((edge) => [edge.source, edge.target])).toEqual([
      ["orders", "paid"],
      ["orders", "load"],
    ]);
  });
});
