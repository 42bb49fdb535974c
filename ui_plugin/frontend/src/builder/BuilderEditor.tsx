import { Box, Button, Flex, HStack } from "@chakra-ui/react";
import { useCallback, useDeferredValue, useMemo, useReducer, useRef, useState } from "react";

import type { PipelineDetail } from "../api/components";
import { usePermissions } from "../permissions/usePermissions";
import { LocalDraftOffer } from "../pipeline/LocalDraftOffer";
import { PipelineActions } from "../pipeline/PipelineActions";
import { PipelinePanels } from "../pipeline/PipelinePanels";
import { PreviewOutcomeListener } from "../pipeline/usePreview";
import { useLocalDraft } from "../pipeline/useLocalDraft";
import { fallbackPositions } from "../spec/graph";
import { SaveAsTemplateDialog } from "../templates/SaveAsTemplateDialog";
import type { ComponentInfo, NodePosition, NodeSpec, PipelineSpec } from "../spec/types";
import type { PreviewOutcome } from "../spec/upstreamColumns";
import { autoLayout, type NodeSize } from "./autoLayout";
import { BuilderCanvas } from "./BuilderCanvas";
import { builderReducer, initialBuilderState, isDirty } from "./builderReducer";
import { BuilderToolbar } from "./BuilderToolbar";
import type { DiffMark } from "./nodeLook";
import { NodePalette } from "./NodePalette";
import { NodeSidePanel } from "./NodeSidePanel";
import { SidePanel } from "./SidePanel";
import { newNodeId, nextFreePosition, pastedNodes } from "./specEdits";
import { useBuilderShortcuts } from "./useBuilderShortcuts";
import { usePanelLayout } from "./usePanelLayout";
import { useUnsavedChangesWarning } from "./useUnsavedChangesWarning";
import { useValidation } from "./useValidation";
import { VersionNotice } from "./VersionNotice";

/** How far each paste shifts the copies from the nodes copied. */
const PASTE_OFFSET = 40;

/** Props of {@link BuilderEditor}. */
export interface BuilderEditorProps {
  /** Every node type of the registry. */
  components: ComponentInfo[];
  /** The pipeline as loaded; null for a new one. */
  pipeline: PipelineDetail | null;
  /** The user may not change this pipeline: no palette, dragging, connecting or deleting. */
  readOnly: boolean;
  /** The user may add code-bearing nodes (`can_edit` on Aggregator Code). */
  canEditCode: boolean;
  /** The user may publish (`can_create` on Aggregator Publish). */
  canPublish: boolean;
  /** A new pipeline was saved for the first time. */
  onCreated: (pipeline: PipelineDetail) => void;
}

/** A spec for a pipeline not saved yet: an id to fill in, no nodes. */
export function emptySpec(): PipelineSpec {
  return { apiVersion: "aggregator/v1", id: "", nodes: [] };
}

/** The builder on a loaded pipeline: toolbar, palette, canvas, selected node's settings, panels. */
export function BuilderEditor(props: BuilderEditorProps) {
  const { components, pipeline, readOnly, canEditCode, canPublish, onCreated } = props;
  const [server, setServer] = useState(pipeline);
  const [state, dispatch] = useReducer(builderReducer, pipeline?.draft_spec ?? emptySpec(), initialBuilderState);
  const spec = state.present;
  const dirty = isDirty(state);
  const [chosen, setChosen] = useState<string[]>([]);
  const [nodeStates, setNodeStates] = useState<Record<string, string>>({});
  const [diffMarks, setDiffMarks] = useState<Record<string, DiffMark> | null>(null);
  // The last preview: its samples give the node settings the columns of each node's inputs.
  const [preview, setPreview] = useState<PreviewOutcome | null>(null);
  const clipboard = useRef<{ nodes: NodeSpec[]; pastes: number }>({ nodes: [], pastes: 0 });
  const validation = useValidation(spec);
  // Only the selected node's settings follow each keystroke at once. The canvas, the palette,
  // the panels below and the draft kept in the browser follow the spec at a lower priority, in
  // a render React splits between frames: typing into a large pipeline stays smooth. (A drop
  // updates the spec inside a transition, where the canvas gets the new spec at once.)
  const laggingSpec = useDeferredValue(spec);
  const currentSpec = useRef(spec);
  currentSpec.current = spec;
  const readSpec = useCallback(() => currentSpec.current, []);
  const localDraft = useLocalDraft(server?.id ?? null, laggingSpec, server);
  // The drawn sizes of the nodes, for Auto layout to space them by.
  const nodeSizes = useRef<Record<string, NodeSize>>({});
  const onNodeSizes = useCallback((sizes: Record<string, NodeSize>) => {
    nodeSizes.current = sizes;
  }, []);
  const [fitRequests, setFitRequests] = useState(0);
  useUnsavedChangesWarning(dirty);

  const byType = useMemo(() => new Map(components.map((type) => [type.name, type])), [components]);
  const palette = useMemo(
    () => components.filter((type) => canEditCode || !type.code_bearing),
    [components, canEditCode],
  );
  // Changes only when the chosen nodes or the node ids do, not on every edit of a node.
  const nodeIds = spec.nodes.map((node) => node.id).join("\n");
  const selected = useMemo(() => {
    const ids = new Set(nodeIds.split("\n"));
    return chosen.filter((id) => ids.has(id));
  }, [chosen, nodeIds]);

  // Reads the spec when called, so the palette and the canvas keep one function across edits.
  const addNode = useCallback(
    (type: string, position?: NodePosition) => {
      const now = currentSpec.current;
      const component = byType.get(type);
      const id = newNodeId(type, now.nodes.map((node) => node.id));
      const at = position ?? nextFreePosition(now, fallbackPositions(now));
      const config = component?.example ? structuredClone(component.example) : {};
      const ui = { position: { x: Math.round(at.x), y: Math.round(at.y) } };
      dispatch({ type: "addNodes", nodes: [{ id, type, config, ui }] });
      setChosen([id]);
    },
    [byType],
  );

  useBuilderShortcuts({
    undo: () => !readOnly && dispatch({ type: "undo" }),
    redo: () => !readOnly && dispatch({ type: "redo" }),
    copy: () => {
      const picked = new Set(selected);
      clipboard.current = { nodes: spec.nodes.filter((node) => picked.has(node.id)), pastes: 0 };
    },
    paste: () => {
      if (readOnly || clipboard.current.nodes.length === 0) {
        return;
      }
      clipboard.current.pastes += 1;
      const shift = PASTE_OFFSET * clipboard.current.pastes;
      const copies = pastedNodes(spec, clipboard.current.nodes, { x: shift, y: shift });
      dispatch({ type: "addNodes", nodes: copies });
      setChosen(copies.map((node) => node.id));
    },
  });

  const layout = () => {
    dispatch({ type: "moveNodes", positions: autoLayout(spec, nodeSizes.current), dragging: false });
    // The canvas fits the view once it draws the new positions (it follows the spec a little later).
    setFitRequests((count) => count + 1);
  };

  const setNewId = (id: string) => dispatch({ type: "replaceSpec", spec: { ...spec, id }, key: "meta:id" });

  const { can } = usePermissions();
  const [panels, setPanelOpen] = usePanelLayout();
  const [templateOpen, setTemplateOpen] = useState(false);

  const onSaved = useCallback(
    (saved: PipelineDetail) => {
      setServer(saved);
      dispatch({ type: "saved", spec: saved.draft_spec });
      if (!server) {
        onCreated(saved);
      }
    },
    [server, onCreated],
  );
  const onNodeChange = useCallback((id: string, node: NodeSpec) => {
    dispatch({ type: "replaceNode", id, node });
    if (node.id !== id) {
      setChosen([node.id]);
    }
  }, []);
  const onCodeChange = useCallback(
    (changed: PipelineSpec) => dispatch({ type: "replaceSpec", spec: changed, key: "code" }),
    [],
  );

  return (
    <Flex
      direction="column"
      height="calc(100vh - 7rem)"
      minHeight="680px"
      borderWidth="1px"
      borderRadius="md"
      overflow="hidden"
    >
      <BuilderToolbar
        title={spec.name ?? (spec.id || "New pipeline")}
        newId={server ? undefined : { value: spec.id, onChange: setNewId }}
        dirty={dirty}
        readOnly={readOnly}
        canUndo={state.past.length > 0}
        canRedo={state.future.length > 0}
        onUndo={() => dispatch({ type: "undo" })}
        onRedo={() => dispatch({ type: "redo" })}
        onLayout={layout}
        validation={validation}
        actions={
          <HStack gap="2">
            <PipelineActions
              spec={spec}
              pipeline={server}
              hasErrors={validation.issues.length > 0}
              canEdit={!readOnly}
              canPublish={canPublish}
              onSaved={onSaved}
            />
            {server && can("can_create", "Aggregator Templates") ? (
              <Button size="sm" variant="outline" onClick={() => setTemplateOpen(true)}>
                Save as template
              </Button>
            ) : null}
          </HStack>
        }
      />
      {server ? (
        <SaveAsTemplateDialog pipelineId={server.id} open={templateOpen} onClose={() => setTemplateOpen(false)} />
      ) : null}
      <VersionNotice pipeline={server} />
      <LocalDraftOffer
        draft={localDraft.offered}
        onRestore={() => {
          const restored = localDraft.restore();
          if (restored) {
            dispatch({ type: "replaceSpec", spec: restored });
          }
        }}
        onDiscard={localDraft.discard}
      />
      <Flex flex="1" minHeight="360px" overflow="hidden">
        {readOnly ? null : (
          <SidePanel
            label="node types"
            side="start"
            width="64"
            bg="bg.subtle"
            open={panels.palette}
            onOpenChange={(open) => setPanelOpen("palette", open)}
          >
            <NodePalette components={palette} onAdd={addNode} />
          </SidePanel>
        )}
        <Box flex="1" minWidth="0">
          <BuilderCanvas
            spec={laggingSpec}
            currentSpec={readSpec}
            fitRequests={fitRequests}
            components={byType}
            issues={validation.byNode}
            readOnly={readOnly}
            selected={selected}
            onSelectionChange={setChosen}
            dispatch={dispatch}
            onDropType={addNode}
            nodeStates={nodeStates}
            diffMarks={diffMarks}
            onNodeSizes={onNodeSizes}
          />
        </Box>
        <SidePanel
          label="node settings"
          landmark="Node settings"
          side="end"
          width="sm"
          open={panels.settings}
          onOpenChange={(open) => setPanelOpen("settings", open)}
        >
          <NodeSidePanel
            spec={spec}
            selected={selected}
            components={byType}
            issues={validation.byNode}
            pipelineIssues={validation.general}
            readOnly={readOnly}
            preview={preview}
            onNodeChange={onNodeChange}
          />
        </SidePanel>
      </Flex>
      <Box borderTopWidth="1px" flexShrink="0" maxHeight="35%" overflowY="auto">
        <PreviewOutcomeListener.Provider value={setPreview}>
          <PipelinePanels
            spec={laggingSpec}
            pipeline={server}
            selectedNodeId={selected.length === 1 ? (selected[0] ?? null) : null}
            readOnly={readOnly}
            onSpecChange={onCodeChange}
            onNodeStates={setNodeStates}
            onDiffMarks={setDiffMarks}
            onSaved={onSaved}
          />
        </PreviewOutcomeListener.Provider>
      </Box>
    </Flex>
  );
}
