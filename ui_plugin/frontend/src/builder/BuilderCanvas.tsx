import { Alert, Box, CloseButton } from "@chakra-ui/react";
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  type ReactFlowInstance,
} from "@xyflow/react";
import { type DragEvent, memo, startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";

import { type GraphEdge, specToGraph } from "../spec/graph";
import type { ComponentInfo, NodePosition, PipelineSpec, SpecIssue } from "../spec/types";
import type { BuilderAction } from "./builderReducer";
import type { NodeSize } from "./autoLayout";
import { canvasEdges, canvasNodes } from "./canvasElements";
import { connectionRefusal } from "./connectionRules";
import { HandleChangeMeasurer } from "./HandleChangeMeasurer";
import { sortNodeChanges } from "./nodeChanges";
import { NODE_TYPE_DRAG } from "./NodePalette";
import type { DiffMark } from "./nodeLook";
import { type CanvasNode, SpecNodeView } from "./SpecNodeView";
import { useFlowStyles } from "./useFlowStyles";
import { useHostColorMode } from "./useHostColorMode";

/** Fitting the view never zooms in past 100%: one node dropped on an empty canvas stays its size. */
export const FIT_VIEW = { padding: 0.2, maxZoom: 1 };

/** How far out the canvas zooms: far enough for a pipeline of a few hundred nodes to fit the view. */
const MIN_ZOOM = 0.1;

const NODE_TYPES = { spec: SpecNodeView };
const NOTICE_MS = 6000;

/** Props of {@link BuilderCanvas}. */
export interface BuilderCanvasProps {
  /** The spec drawn; it may trail the editor's by a render while typing. */
  spec: PipelineSpec;
  /** The editor's spec now: connections are checked against it, not against the one drawn. */
  currentSpec: () => PipelineSpec;
  /** Raised by one to fit the view to the graph, once the canvas draws the editor's spec. */
  fitRequests?: number | undefined;
  /** Node types by name. */
  components: Map<string, ComponentInfo>;
  /** Validation problems per node id; each node shows their count. */
  issues: Record<string, SpecIssue[]>;
  /** No adding, moving, connecting or deleting; selecting still shows a node's settings. */
  readOnly: boolean;
  /** Ids of the selected nodes. */
  selected: string[];
  onSelectionChange: (ids: string[]) => void;
  /** Where every change of the spec goes. */
  dispatch: (action: BuilderAction) => void;
  /** A node type was dropped on the canvas at this (flow) position. */
  onDropType: (type: string, position: NodePosition) => void;
  /** Airflow task state per node id, to colour nodes by a run. */
  nodeStates?: Record<string, string> | undefined;
  /** Diff mark per node id, to highlight a comparison with another version. */
  diffMarks?: Record<string, DiffMark> | null | undefined;
  /** Told the drawn size of every node measured so far, whenever one changes. */
  onNodeSizes?: ((sizes: Record<string, NodeSize>) => void) | undefined;
}

/**
 * The pipeline as a graph: drag to move, connect handles, drop node types, select, delete.
 * Memoised: a change elsewhere on the page (a keystroke in the settings) does not redraw it.
 * React Flow's state lives inside it, created with the first nodes: a pipeline opens with its
 * nodes and edges drawn in the canvas's first render.
 */
export const BuilderCanvas = memo(function BuilderCanvas(props: BuilderCanvasProps) {
  const { spec, currentSpec, fitRequests = 0, components, issues, readOnly, selected, onSelectionChange } = props;
  const { dispatch, onDropType, nodeStates, diffMarks, onNodeSizes } = props;
  useFlowStyles();
  const colorMode = useHostColorMode();
  const flow = useRef<ReactFlowInstance<CanvasNode, GraphEdge> | null>(null);
  const onInit = useCallback((instance: ReactFlowInstance<CanvasNode, GraphEdge>) => {
    flow.current = instance;
  }, []);
  const [measured, setMeasured] = useState<Record<string, NodeSize>>({});
  useEffect(() => onNodeSizes?.(measured), [measured, onNodeSizes]);
  const [dragged, setDragged] = useState<Record<string, NodePosition> | null>(null);
  const [selectedEdges, setSelectedEdges] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (notice === null) {
      return;
    }
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const graph = useMemo(() => specToGraph(spec), [spec]);
  const fitted = useRef(fitRequests);
  useEffect(() => {
    // After a commit that draws the spec the fit was asked for, and a frame for React Flow to
    // place the nodes.
    if (fitRequests !== fitted.current && spec === currentSpec()) {
      fitted.current = fitRequests;
      requestAnimationFrame(() => void flow.current?.fitView(FIT_VIEW));
    }
  }, [fitRequests, spec, currentSpec]);
  const lastNodes = useRef<CanvasNode[]>([]);
  const nodes = useMemo(() => {
    const chosen = new Set(selected);
    const look = { selected: chosen, readOnly, measured, dragged, components, issues, nodeStates, diffMarks };
    lastNodes.current = canvasNodes(graph.nodes, look, lastNodes.current);
    return lastNodes.current;
  }, [graph, selected, readOnly, measured, dragged, components, issues, nodeStates, diffMarks]);
  const lastEdges = useRef<GraphEdge[]>([]);
  const edges = useMemo(() => {
    lastEdges.current = canvasEdges(graph.edges, new Set(selectedEdges), readOnly, lastEdges.current);
    return lastEdges.current;
  }, [graph, selectedEdges, readOnly]);
  // The drag's positions as last drawn, for a drop that does not repeat them.
  const draggedNow = useRef(dragged);
  draggedNow.current = dragged;

  // The selection as drawn: a node just added may not be on the canvas yet, and a click on
  // another node then replaces the selection rather than adding to it.
  const drawnSelected = useMemo(() => {
    const drawn = new Set(graph.nodes.map((node) => node.id));
    return selected.filter((id) => drawn.has(id));
  }, [graph, selected]);
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const { moving, dropped, sizes, selection } = sortNodeChanges(changes, drawnSelected, draggedNow.current);
      if (!readOnly && Object.keys(moving).length > 0) {
        // While a drag lasts only the canvas follows it; the spec (and with it undo, the
        // code view and validation) takes the positions once, when the nodes are dropped.
        setDragged((current) => ({ ...current, ...moving }));
      }
      // The spec and the selection re-render the whole editor (settings, code view): as
      // transitions, React renders them in slices between frames, so a drag starts and ends
      // without a stall; until then the canvas shows the drop from the drag's positions.
      if (!readOnly && Object.keys(dropped).length > 0) {
        startTransition(() => {
          dispatch({ type: "moveNodes", positions: dropped, dragging: false });
          setDragged(null);
        });
      }
      if (Object.keys(sizes).length > 0) {
        setMeasured((current) => ({ ...current, ...sizes }));
      }
      if (selection) {
        const chosen = selection;
        startTransition(() => onSelectionChange(chosen));
      }
    },
    [dispatch, onSelectionChange, readOnly, drawnSelected],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<GraphEdge>[]) => {
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const change of changes) {
        if (change.type === "select") {
          if (change.selected) {
            next.add(change.id);
          } else {
            next.delete(change.id);
          }
        }
      }
      return [...next];
    });
  }, []);

  const onConnect = useCallback(
    (connection: Connection) => {
      const reason = connectionRefusal(currentSpec(), components, connection.source, connection.target);
      if (reason) {
        setNotice(reason);
      } else {
        setNotice(null);
        dispatch({ type: "connect", source: connection.source, target: connection.target });
      }
    },
    [currentSpec, components, dispatch],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: CanvasNode[]; edges: GraphEdge[] }) => {
      dispatch({
        type: "remove",
        nodes: gone.map((node) => node.id),
        inputs: cut.flatMap((edge) =>
          edge.data ? [{ source: edge.source, target: edge.target, index: edge.data.index }] : [],
        ),
      });
      onSelectionChange([]);
      setSelectedEdges([]);
    },
    [dispatch, onSelectionChange],
  );

  const onDragOver = (event: DragEvent) => {
    if (!readOnly && event.dataTransfer.types.includes(NODE_TYPE_DRAG)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  };
  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(NODE_TYPE_DRAG);
    if (readOnly || !type) {
      return;
    }
    event.preventDefault();
    if (flow.current) {
      onDropType(type, flow.current.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    }
  };

  return (
    <Box position="relative" height="full" width="full" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode, GraphEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onInit={onInit}
        nodesDraggable={!readOnly}
        // A click selects a node; dragging one moves it without selecting it (React Flow
        // clears the selection when the node was not selected), so a drag never waits for a
        // settings form to be drawn.
        selectNodesOnDrag={false}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        multiSelectionKeyCode={["Meta", "Control"]}
        colorMode={colorMode}
        minZoom={MIN_ZOOM}
        fitView
        fitViewOptions={FIT_VIEW}
        proOptions={{ hideAttribution: true }}
        aria-label="Pipeline canvas"
      >
        <Background />
        <Controls showInteractive={false} />
        <HandleChangeMeasurer nodes={graph.nodes} components={components} />
        <MiniMap pannable zoomable ariaLabel="Overview of the pipeline" style={{ width: 160, height: 100 }} />
      </ReactFlow>
      {notice ? (
        <Alert.Root
          role="alert"
          status="warning"
          position="absolute"
          top="3"
          left="50%"
          transform="translateX(-50%)"
          width="auto"
          maxWidth="lg"
          zIndex="10"
        >
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Cannot connect</Alert.Title>
            <Alert.Description>{notice}</Alert.Description>
          </Alert.Content>
          <CloseButton size="sm" aria-label="Dismiss" onClick={() => setNotice(null)} />
        </Alert.Root>
      ) : null}
    </Box>
  );
});
