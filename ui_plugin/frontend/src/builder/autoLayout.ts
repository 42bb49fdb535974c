/** Left-to-right automatic placement of a spec's nodes (dagre). */
import dagre from "@dagrejs/dagre";

import type { NodePosition, PipelineSpec } from "../spec/types";
import { NODE_HEIGHT, NODE_WIDTH } from "./nodeGeometry";

/** A node's drawn size, as the canvas measured it. */
export interface NodeSize {
  width: number;
  height: number;
}

/** The size of a node not measured yet: one without badges. */
const DEFAULT_SIZE: NodeSize = { width: NODE_WIDTH, height: NODE_HEIGHT };

/** Top-left positions placing every node left to right along its edges. */
export function autoLayout(spec: PipelineSpec, sizes: Record<string, NodeSize> = {}): Record<string, NodePosition> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 80, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(spec.nodes.map((node) => node.id));
  for (const node of spec.nodes) {
    const size = sizes[node.id] ?? DEFAULT_SIZE;
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  for (const node of spec.nodes) {
    for (const input of node.inputs ?? []) {
      if (ids.has(input)) {
        graph.setEdge(input, node.id);
      }
    }
  }
  dagre.layout(graph);
  const positions: Record<string, NodePosition> = {};
  for (const node of spec.nodes) {
    const placed = graph.node(node.id);
    const size = sizes[node.id] ?? DEFAULT_SIZE;
    positions[node.id] = { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) };
  }
  return positions;
}
