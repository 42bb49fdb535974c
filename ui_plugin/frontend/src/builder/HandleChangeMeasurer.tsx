import { useUpdateNodeInternals } from "@xyflow/react";
import { useEffect, useRef } from "react";

import type { GraphNode } from "../spec/graph";
import type { ComponentInfo } from "../spec/types";
import { handleSides } from "./nodeGeometry";

/**
 * Inside `<ReactFlow>`: has React Flow measure a node again when its handles change with its
 * type (a source becomes a transform in the code view). React Flow measures a node when its
 * size changes, and every node is as wide as the next: without this, an edge into a handle
 * that appeared would not be drawn. Follows the spec's graph, not the drawn nodes, which change
 * on every frame of a drag.
 */
export function HandleChangeMeasurer({
  nodes,
  components,
}: {
  nodes: GraphNode[];
  components: Map<string, ComponentInfo>;
}): null {
  const updateNodeInternals = useUpdateNodeInternals();
  const drawn = useRef(new Map<string, string>());
  useEffect(() => {
    const changed: string[] = [];
    const sides = new Map<string, string>();
    for (const node of nodes) {
      const now = handleSides(components.get(node.data.spec.type));
      const before = drawn.current.get(node.id);
      if (before !== undefined && before !== now) {
        changed.push(node.id);
      }
      sides.set(node.id, now);
    }
    drawn.current = sides;
    if (changed.length > 0) {
      updateNodeInternals(changed);
    }
  }, [nodes, components, updateNodeInternals]);
  return null;
}
