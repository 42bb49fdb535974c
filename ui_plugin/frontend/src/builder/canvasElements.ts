/**
 * The canvas's nodes and edges, built so that an element whose look did not change keeps its
 * object: React Flow then re-renders only the nodes and edges that did change (the one being
 * dragged, the one being edited), not all of a large pipeline on every change.
 */
import type { GraphEdge, GraphNode } from "../spec/graph";
import type { ComponentInfo, NodePosition, SpecIssue } from "../spec/types";
import { expectedHandles, expectedSize } from "./nodeGeometry";
import type { NodeSize } from "./autoLayout";
import type { DiffMark } from "./nodeLook";
import type { CanvasNode } from "./SpecNodeView";

/** Everything besides the graph that decides how the nodes look. */
export interface NodeLook {
  selected: ReadonlySet<string>;
  readOnly: boolean;
  /** Drawn sizes, as React Flow measured them. */
  measured: Record<string, NodeSize>;
  /** Positions of nodes being dragged, not yet in the spec. */
  dragged: Record<string, NodePosition> | null;
  components: Map<string, ComponentInfo>;
  issues: Record<string, SpecIssue[]>;
  nodeStates?: Record<string, string> | undefined;
  diffMarks?: Record<string, DiffMark> | null | undefined;
}

/** The canvas node of `node`, or `previous` when it would look the same. */
export function canvasNode(node: GraphNode, look: NodeLook, previous: CanvasNode | undefined): CanvasNode {
  const position = look.dragged?.[node.id] ?? node.position;
  const measured = look.measured[node.id];
  const editable = !look.readOnly;
  const data = {
    ...node.data,
    component: look.components.get(node.data.spec.type),
    issueCount: look.issues[node.id]?.length ?? 0,
    runState: look.nodeStates?.[node.id],
    diffMark: look.diffMarks?.[node.id] ?? undefined,
  };
  if (
    previous &&
    previous.position.x === position.x &&
    previous.position.y === position.y &&
    previous.selected === look.selected.has(node.id) &&
    previous.draggable === editable &&
    previous.measured?.width === measured?.width &&
    previous.measured?.height === measured?.height &&
    sameData(previous.data, data)
  ) {
    return previous;
  }
  return {
    ...node,
    position,
    selected: look.selected.has(node.id),
    draggable: editable,
    connectable: editable,
    deletable: editable,
    // Measured, React Flow places the edges on the handles it found; until then, where the
    // node's look puts them.
    ...(measured ? { measured } : unmeasured(data)),
    data,
  };
}

/** The size and handles of a node not measured yet, for React Flow to draw it and its edges at once. */
function unmeasured(shape: CanvasNode["data"]): Pick<CanvasNode, "initialWidth" | "initialHeight" | "handles"> {
  const { width, height } = expectedSize(shape);
  return { initialWidth: width, initialHeight: height, handles: expectedHandles(shape) };
}

function sameData(previous: CanvasNode["data"], next: CanvasNode["data"]): boolean {
  return (
    previous.spec === next.spec &&
    previous.placed === next.placed &&
    previous.component === next.component &&
    previous.issueCount === next.issueCount &&
    previous.runState === next.runState &&
    previous.diffMark === next.diffMark
  );
}

/**
 * Every node of the graph, reusing the objects of `previous` (by id) that look the same, and
 * `previous` itself when nothing changed, so React Flow has nothing to update.
 */
export function canvasNodes(nodes: GraphNode[], look: NodeLook, previous: CanvasNode[]): CanvasNode[] {
  const before = new Map(previous.map((node) => [node.id, node]));
  return unlessUnchanged(
    nodes.map((node) => canvasNode(node, look, before.get(node.id))),
    previous,
  );
}

/**
 * Every edge of the graph, reusing the objects of `previous` (by id) that look the same, and
 * `previous` itself when nothing changed (typing in a node's settings moves no edge).
 */
export function canvasEdges(
  edges: GraphEdge[],
  selected: ReadonlySet<string>,
  readOnly: boolean,
  previous: GraphEdge[],
): GraphEdge[] {
  const before = new Map(previous.map((edge) => [edge.id, edge]));
  const built = edges.map((edge) => {
    const old = before.get(edge.id);
    // An edge's id names its source, target and input index: equal ids draw the same line.
    if (old && old.selected === selected.has(edge.id) && old.deletable === !readOnly) {
      return old;
    }
    return { ...edge, selected: selected.has(edge.id), deletable: !readOnly };
  });
  return unlessUnchanged(built, previous);
}

/** `previous` when `next` holds the same objects in the same order, else `next`. */
function unlessUnchanged<T>(next: T[], previous: T[]): T[] {
  return next.length === previous.length && next.every((item, index) => item === previous[index]) ? previous : next;
}
