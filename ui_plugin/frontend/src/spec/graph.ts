/**
 * A pipeline spec as React Flow nodes and edges, and back, without loss: a node keeps its
 * whole spec (every key, known or not), its position lives in `ui.position`, and an edge
 * remembers its place in the target's `inputs`, so `graphToSpec(spec, specToGraph(spec))`
 * gives `spec` back.
 */
import type { Edge, Node } from "@xyflow/react";

import type { NodePosition, NodeSpec, PipelineSpec } from "./types";

/** What a canvas node carries: the node's spec and whether the spec placed it. */
export interface GraphNodeData extends Record<string, unknown> {
  spec: NodeSpec;
  /** True when the spec has `ui.position`; false when the canvas chose a place for it. */
  placed: boolean;
}

/** What an edge carries: its index in the target node's `inputs`. */
export interface GraphEdgeData extends Record<string, unknown> {
  index: number;
}

export type GraphNode = Node<GraphNodeData, "spec">;
export type GraphEdge = Edge<GraphEdgeData>;

/** A spec's graph, in the spec's node order and, per target, its inputs' order. */
export interface SpecGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Horizontal and vertical distance between nodes placed by the canvas. */
export const GRID = { x: 260, y: 120 } as const;

/** The id of the edge feeding `target`'s input number `index` from `source`. */
export function edgeId(source: string, target: string, index: number): string {
  return `${source}->${target}#${index}`;
}

/** Where a node without `ui.position` is drawn: a column per depth, a row per sibling. */
export function fallbackPositions(spec: PipelineSpec): Record<string, NodePosition> {
  const depth = new Map<string, number>();
  const byId = new Map(spec.nodes.map((node) => [node.id, node]));
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) {
      return known;
    }
    const node = byId.get(id);
    if (!node || seen.has(id)) {
      return 0;
    }
    seen.add(id);
    const parents = (node.inputs ?? []).filter((input) => byId.has(input));
    const value = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((input) => depthOf(input, seen)));
    depth.set(id, value);
    return value;
  };
  const rows = new Map<number, number>();
  const positions: Record<string, NodePosition> = {};
  for (const node of spec.nodes) {
    const column = depthOf(node.id, new Set());
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions[node.id] = { x: column * GRID.x, y: row * GRID.y };
  }
  return positions;
}

/** The spec's nodes and edges for React Flow. */
export function specToGraph(spec: PipelineSpec): SpecGraph {
  const fallback = fallbackPositions(spec);
  const nodes: GraphNode[] = spec.nodes.map((node) => {
    const placed = node.ui?.position;
    return {
      id: node.id,
      type: "spec",
      position: placed ? { x: placed.x, y: placed.y } : (fallback[node.id] ?? { x: 0, y: 0 }),
      data: { spec: node, placed: placed !== undefined },
    };
  });
  const edges: GraphEdge[] = spec.nodes.flatMap((node) =>
    (node.inputs ?? []).map((source, index) => ({
      id: edgeId(source, node.id, index),
      source,
      target: node.id,
      data: { index },
    })),
  );
  return { nodes, edges };
}

/**
 * The spec a graph stands for: `spec`'s own keys, the graph's nodes in the graph's order, each
 * node's `inputs` from the edges into it (ordered by their index, new edges last) and its
 * position in `ui.position` when the spec placed it or the node was moved.
 */
export function graphToSpec(spec: PipelineSpec, graph: SpecGraph): PipelineSpec {
  const fallback = fallbackPositions(spec);
  const incoming = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  }
  const nodes = graph.nodes.map((graphNode) => {
    const original = graphNode.data.spec;
    const node: NodeSpec = { ...original, id: graphNode.id };
    const inputs = orderedSources(incoming.get(graphNode.id) ?? []);
    if (original.inputs !== undefined || inputs.length > 0) {
      node.inputs = inputs;
    }
    const start = fallback[original.id];
    const moved = !start || start.x !== graphNode.position.x || start.y !== graphNode.position.y;
    if (graphNode.data.placed || moved) {
      node.ui = { ...original.ui, position: { x: graphNode.position.x, y: graphNode.position.y } };
    }
    return node;
  });
  return { ...spec, nodes };
}

function orderedSources(edges: GraphEdge[]): string[] {
  const indexOf = (edge: GraphEdge) => edge.data?.index ?? Number.POSITIVE_INFINITY;
  return edges
    .map((edge, arrival) => ({ edge, arrival }))
    .sort((a, b) => indexOf(a.edge) - indexOf(b.edge) || a.arrival - b.arrival)
    .map(({ edge }) => edge.source);
}
