/** React Flow's node changes sorted by what the builder does with them. */
import type { NodeChange } from "@xyflow/react";

import type { NodePosition } from "../spec/types";
import type { NodeSize } from "./autoLayout";
import type { CanvasNode } from "./SpecNodeView";

/** What a batch of node changes asks for. */
export interface SortedNodeChanges {
  /** Positions of nodes being dragged: drawn at once, kept out of the spec until dropped. */
  moving: Record<string, NodePosition>;
  /** Final positions (a drop, a keyboard move): they go into the spec. */
  dropped: Record<string, NodePosition>;
  /** Sizes React Flow measured. */
  sizes: Record<string, NodeSize>;
  /** The new selection, or null when the batch does not change it. */
  selection: string[] | null;
}

/**
 * Sort `changes`; positions are rounded to whole pixels. A drop that does not repeat the
 * position takes the one last drawn while dragging (`dragged`).
 */
export function sortNodeChanges(
  changes: NodeChange<CanvasNode>[],
  selected: string[],
  dragged: Record<string, NodePosition> | null,
): SortedNodeChanges {
  const sorted: SortedNodeChanges = { moving: {}, dropped: {}, sizes: {}, selection: null };
  let selection: Set<string> | null = null;
  for (const change of changes) {
    if (change.type === "position") {
      const at = change.position ?? (change.dragging ? undefined : dragged?.[change.id]);
      if (at) {
        (change.dragging ? sorted.moving : sorted.dropped)[change.id] = { x: Math.round(at.x), y: Math.round(at.y) };
      }
    } else if (change.type === "dimensions" && change.dimensions) {
      sorted.sizes[change.id] = change.dimensions;
    } else if (change.type === "select") {
      selection ??= new Set(selected);
      if (change.selected) {
        selection.add(change.id);
      } else {
        selection.delete(change.id);
      }
    }
  }
  sorted.selection = selection ? [...selection] : null;
  return sorted;
}
