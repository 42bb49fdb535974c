import { Badge } from "@chakra-ui/react";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { type CSSProperties, memo } from "react";

import type { GraphNodeData } from "../spec/graph";
import type { ComponentInfo } from "../spec/types";
import { hasOutput, showsBadges, takesInput } from "./nodeGeometry";
import { type DiffMark, glyphOf, paletteOfDiff, paletteOfState } from "./nodeLook";

/** What a node on the canvas shows besides its spec. */
export interface CanvasNodeData extends GraphNodeData {
  /** The node's type in the registry; undefined when the registry does not know it. */
  component: ComponentInfo | undefined;
  /** How many validation problems the node has. */
  issueCount: number;
  /** The Airflow task state of the node in the run shown, if any. */
  runState: string | undefined;
  /** How the node differs from the version compared with, if a diff is shown. */
  diffMark: DiffMark | undefined;
}

export type CanvasNode = Node<CanvasNodeData, "spec">;

/**
 * A pipeline node: icon, title and type, handles per its type's inputs and output, badges.
 * Plain elements styled by the canvas's stylesheet (`specNodeCss.ts`), and memoised: a canvas
 * of hundreds of nodes draws fast and redraws only the nodes whose props changed.
 */
export const SpecNodeView = memo(function SpecNodeView({ id, data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const { spec, component, issueCount, runState, diffMark } = data;
  const accent = runState ? paletteOfState(runState) : diffMark ? paletteOfDiff(diffMark) : undefined;
  const accentColor = accent ? { "--aggregator-node-accent": `var(--chakra-colors-${accent}-solid)` } : undefined;
  return (
    <div
      aria-label={`Node ${id}`}
      data-node-id={id}
      className="aggregator-node"
      data-selected={selected ? "" : undefined}
      data-accent={accent}
      data-removed={diffMark === "removed" ? "" : undefined}
      style={accentColor as CSSProperties | undefined}
    >
      {takesInput(component) ? (
        <Handle type="target" position={Position.Left} isConnectable={isConnectable} aria-label={`Inputs of ${id}`} />
      ) : null}
      <p aria-hidden className="aggregator-node__glyph">
        {glyphOf(component?.icon)}
      </p>
      <p className="aggregator-node__title">{spec.name ?? id}</p>
      <p className="aggregator-node__type">{spec.name ? `${id} · ${spec.type}` : spec.type}</p>
      {issueCount > 0 ? (
        <Badge
          className="aggregator-node__count"
          colorPalette="red"
          variant="solid"
          size="sm"
          aria-label={`${issueCount} ${issueCount === 1 ? "problem" : "problems"}`}
        >
          {issueCount}
        </Badge>
      ) : null}
      {showsBadges(data) ? (
        <div className="aggregator-node__badges">
          {runState ? (
            <Badge size="sm" colorPalette={paletteOfState(runState)} variant="subtle">
              {runState}
            </Badge>
          ) : null}
          {diffMark ? (
            <Badge size="sm" colorPalette={paletteOfDiff(diffMark)} variant="subtle">
              {diffMark}
            </Badge>
          ) : null}
          {!component ? (
            <Badge size="sm" colorPalette="orange" variant="subtle">
              unknown type
            </Badge>
          ) : null}
        </div>
      ) : null}
      {hasOutput(component) ? (
        <Handle type="source" position={Position.Right} isConnectable={isConnectable} aria-label={`Output of ${id}`} />
      ) : null}
    </div>
  );
});
