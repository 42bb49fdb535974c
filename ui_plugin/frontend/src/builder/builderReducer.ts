/**
 * The builder's one source of truth: the spec being edited, with its undo/redo history and
 * the spec last saved. Every change of the canvas, the side panel and the code view goes
 * through {@link builderReducer}, so undo, redo and every view stay in step.
 */
import type { NodePosition, NodeSpec, PipelineSpec } from "../spec/types";
import { addNodes, connect, type InputRef, moveNodes, removeInputs, removeNodes, replaceNode } from "./specEdits";

/** How many earlier specs undo can go back to. */
export const HISTORY_LIMIT = 100;

/** The spec, its history and the last saved spec. */
export interface BuilderState {
  past: PipelineSpec[];
  present: PipelineSpec;
  future: PipelineSpec[];
  /** The spec as last loaded or saved; the spec is dirty when it differs. */
  saved: PipelineSpec;
  /**
   * The coalescing key of the last edit. An edit with the same key (one drag, typing in one
   * field) replaces the present spec instead of adding a step to undo.
   */
  lastKey: string | null;
}

/** A change to the builder's spec. */
export type BuilderAction =
  | { type: "addNodes"; nodes: NodeSpec[] }
  | { type: "connect"; source: string; target: string }
  | { type: "remove"; nodes: string[]; inputs: InputRef[] }
  | { type: "moveNodes"; positions: Record<string, NodePosition>; dragging: boolean }
  | { type: "replaceNode"; id: string; node: NodeSpec }
  | { type: "replaceSpec"; spec: PipelineSpec; key?: string }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "saved"; spec: PipelineSpec };

/** The state of a builder opened on `spec`. */
export function initialBuilderState(spec: PipelineSpec): BuilderState {
  return { past: [], present: spec, future: [], saved: spec, lastKey: null };
}

/** Apply one change. */
export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  switch (action.type) {
    case "undo": {
      const previous = state.past.at(-1);
      if (!previous) {
        return state;
      }
      const future = [state.present, ...state.future];
      return { ...state, past: state.past.slice(0, -1), present: previous, future, lastKey: null };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (!next) {
        return state;
      }
      return { ...state, past: [...state.past, state.present], present: next, future: rest, lastKey: null };
    }
    case "saved":
      return { ...state, present: action.spec, saved: action.spec, lastKey: null };
    default: {
      const next = record(state, edited(state.present, action), keyOf(action));
      const dropped = action.type === "moveNodes" && !action.dragging && next.lastKey !== null;
      return dropped ? { ...next, lastKey: null } : next;
    }
  }
}

/** Whether the spec differs from the one last loaded or saved. */
export function isDirty(state: BuilderState): boolean {
  return state.present !== state.saved && JSON.stringify(state.present) !== JSON.stringify(state.saved);
}

type EditAction = Exclude<BuilderAction, { type: "undo" } | { type: "redo" } | { type: "saved" }>;

function edited(spec: PipelineSpec, action: EditAction): PipelineSpec {
  switch (action.type) {
    case "addNodes":
      return addNodes(spec, action.nodes);
    case "connect":
      return connect(spec, action.source, action.target);
    case "remove":
      // Inputs are referred to by index: cut them before removing nodes shifts any index.
      return removeNodes(removeInputs(spec, action.inputs), action.nodes);
    case "moveNodes":
      return moveNodes(spec, action.positions);
    case "replaceNode":
      return replaceNode(spec, action.id, action.node);
    case "replaceSpec":
      return action.spec;
  }
}

/** Edits that continue the previous one share its key; a drag's last move ends it. */
function keyOf(action: EditAction): string | null {
  switch (action.type) {
    case "moveNodes":
      return `move:${Object.keys(action.positions).sort().join(",")}`;
    case "replaceNode":
      return `node:${action.id}`;
    case "replaceSpec":
      return action.key ?? null;
    default:
      return null;
  }
}

function record(state: BuilderState, spec: PipelineSpec, key: string | null): BuilderState {
  if (JSON.stringify(spec) === JSON.stringify(state.present)) {
    return state;
  }
  const continues = key !== null && key === state.lastKey;
  const past = continues ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT);
  return { ...state, past, present: spec, future: [], lastKey: key };
}
