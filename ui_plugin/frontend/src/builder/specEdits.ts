/**
 * The edits the builder makes to a spec, as pure functions: each returns a new spec and
 * leaves every key it does not edit as it was.
 */
import { GRID } from "../spec/graph";
import type { NodePosition, NodeSpec, PipelineSpec } from "../spec/types";

/** One input of a node: the edge from `source` into `target`'s `inputs[index]`. */
export interface InputRef {
  source: string;
  target: string;
  index: number;
}

const NODE_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** `base` if no node has it yet, else `base_2`, `base_3`, ... (ids stay valid spec node ids). */
export function freshNodeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = NODE_ID.test(base) ? base : base.replace(/[^A-Za-z0-9_-]/g, "_").replace(/^-/, "_") || "node";
  if (!used.has(clean)) {
    return clean;
  }
  const stem = clean.replace(/_\d+$/, "");
  for (let counter = 2; ; counter += 1) {
    const candidate = `${stem}_${counter}`;
    if (!used.has(candidate)) {
      return candidate;
    }
  }
}

/** The id of a new node of `type`: its kind (`transform.filter` -> `filter`) and a counter. */
export function newNodeId(type: string, taken: Iterable<string>): string {
  const kind = type.slice(type.lastIndexOf(".") + 1) || "node";
  const used = new Set(taken);
  for (let counter = 1; ; counter += 1) {
    const candidate = freshNodeId(`${kind}_${counter}`, []);
    if (!used.has(candidate)) {
      return candidate;
    }
  }
}

/** `spec` with `nodes` appended. */
export function addNodes(spec: PipelineSpec, nodes: NodeSpec[]): PipelineSpec {
  return { ...spec, nodes: [...spec.nodes, ...nodes] };
}

/** `spec` with `source` appended to `target`'s inputs. */
export function connect(spec: PipelineSpec, source: string, target: string): PipelineSpec {
  return mapNode(spec, target, (node) => ({ ...node, inputs: [...(node.inputs ?? []), source] }));
}

/** `spec` without these nodes, and without the inputs that read from them. */
export function removeNodes(spec: PipelineSpec, ids: Iterable<string>): PipelineSpec {
  const gone = new Set(ids);
  const nodes = spec.nodes
    .filter((node) => !gone.has(node.id))
    .map((node) =>
      node.inputs?.some((input) => gone.has(input))
        ? { ...node, inputs: node.inputs.filter((input) => !gone.has(input)) }
        : node,
    );
  return { ...spec, nodes };
}

/**
 * `spec` without these inputs. An input whose place now holds another node (the canvas drew an
 * older spec) is left alone: only the edge that was drawn is removed.
 */
export function removeInputs(spec: PipelineSpec, refs: InputRef[]): PipelineSpec {
  const byTarget = new Map<string, InputRef[]>();
  for (const ref of refs) {
    byTarget.set(ref.target, [...(byTarget.get(ref.target) ?? []), ref]);
  }
  const nodes = spec.nodes.map((node) => {
    const drop = byTarget.get(node.id);
    if (!drop || !node.inputs) {
      return node;
    }
    const dropped = (input: string, index: number) =>
      drop.some((ref) => ref.index === index && ref.source === input);
    return { ...node, inputs: node.inputs.filter((input, index) => !dropped(input, index)) };
  });
  return { ...spec, nodes };
}

/** `spec` with these nodes at these positions (`ui.position`, other `ui` keys kept). */
export function moveNodes(spec: PipelineSpec, positions: Record<string, NodePosition>): PipelineSpec {
  const nodes = spec.nodes.map((node) => {
    const position = positions[node.id];
    if (!position) {
      return node;
    }
    const current = node.ui?.position;
    if (current && current.x === position.x && current.y === position.y) {
      return node;
    }
    return { ...node, ui: { ...node.ui, position: { x: position.x, y: position.y } } };
  });
  return { ...spec, nodes };
}

/**
 * `spec` with the node `id` replaced by `node`. When the node's id changes, the inputs that
 * read from it follow.
 */
export function replaceNode(spec: PipelineSpec, id: string, node: NodeSpec): PipelineSpec {
  const renamed = node.id !== id;
  const nodes = spec.nodes.map((current) => {
    if (current.id === id) {
      return node;
    }
    if (renamed && current.inputs?.includes(id)) {
      return { ...current, inputs: current.inputs.map((input) => (input === id ? node.id : input)) };
    }
    return current;
  });
  return { ...spec, nodes };
}

/**
 * Copies of `copied` for pasting into `spec`: fresh ids, positions shifted by `offset`, and
 * only the inputs between copied nodes (renamed to the copies' ids).
 */
export function pastedNodes(spec: PipelineSpec, copied: NodeSpec[], offset: NodePosition): NodeSpec[] {
  const taken = new Set(spec.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  for (const node of copied) {
    const id = freshNodeId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  return copied.map((node, index) => {
    const copy: NodeSpec = { ...node, id: renamed.get(node.id) ?? node.id };
    if (node.inputs !== undefined) {
      copy.inputs = node.inputs.flatMap((input) => {
        const inside = renamed.get(input);
        return inside === undefined ? [] : [inside];
      });
    }
    const from = node.ui?.position ?? { x: index * 40, y: index * 40 };
    copy.ui = { ...node.ui, position: { x: from.x + offset.x, y: from.y + offset.y } };
    return copy;
  });
}

/** A free place for a node added without a drop point: right of the rightmost node. */
export function nextFreePosition(spec: PipelineSpec, positions: Record<string, NodePosition>): NodePosition {
  const placed = spec.nodes.map((node) => node.ui?.position ?? positions[node.id]).filter((p) => p !== undefined);
  if (placed.length === 0) {
    return { x: 0, y: 0 };
  }
  const rightmost = placed.reduce((best, position) => (position.x > best.x ? position : best));
  return { x: rightmost.x + GRID.x, y: rightmost.y };
}

function mapNode(spec: PipelineSpec, id: string, change: (node: NodeSpec) => NodeSpec): PipelineSpec {
  return { ...spec, nodes: spec.nodes.map((node) => (node.id === id ? change(node) : node)) };
}
