/**
 * The size of a pipeline node on the canvas and where its handles are, known before the
 * browser lays the node out. React Flow draws a node it knows the size of at once, and an
 * edge between nodes whose handles it knows; without these it hides every node until it has
 * measured it, and draws no edge until then: a large pipeline would open a frame or two late.
 * The browser's measurements replace these as soon as it has them.
 */
import { type NodeHandle, Position } from "@xyflow/react";

import type { ComponentInfo } from "../spec/types";

/** Every node's width, in CSS pixels (the stylesheet in specNodeCss.ts uses it). */
export const NODE_WIDTH = 220;

/** Height of a node without badges: its padding, title and type lines, and border. */
export const NODE_HEIGHT = 54;

/** What the row of badges (run state, diff mark, unknown type) adds to a node's height. */
const BADGE_ROW_HEIGHT = 24;

/** Size of React Flow's handle dot, its border included. */
const HANDLE_SIZE = 6;

/** The node's border, in CSS pixels: a handle's middle sits on its inner edge. */
export const BORDER = 1;

/** The border of a node coloured by a run state or a diff mark. */
export const ACCENT_BORDER = 2;

/** What decides a node's shape: its type's arity and whether it shows a row of badges. */
export interface NodeShape {
  /** The node's type in the registry; undefined when the registry does not know it. */
  component: ComponentInfo | undefined;
  runState: string | undefined;
  diffMark: string | undefined;
}

/** A node of this type has an input handle: every type but sources (an unknown type has one). */
export function takesInput(component: ComponentInfo | undefined): boolean {
  return component ? component.inputs.max !== 0 : true;
}

/** A node of this type has an output handle: every type but sinks (an unknown type has one). */
export function hasOutput(component: ComponentInfo | undefined): boolean {
  return component ? component.has_output : true;
}

/** Which handles a node of this type has, as a key that changes when they do. */
export function handleSides(component: ComponentInfo | undefined): string {
  return `${takesInput(component) ? "in" : ""}:${hasOutput(component) ? "out" : ""}`;
}

/** The node shows a row of badges under its title: a run state, a diff mark, or an unknown type. */
export function showsBadges(shape: NodeShape): boolean {
  return Boolean(shape.runState || shape.diffMark || !shape.component);
}

/** The node is coloured by a run state or a diff mark: its border is wider. */
function accented(shape: NodeShape): boolean {
  return Boolean(shape.runState || shape.diffMark);
}

/** The node's expected size on the canvas, before it is measured (its width includes the border). */
export function expectedSize(shape: NodeShape): { width: number; height: number } {
  const border = accented(shape) ? 2 * (ACCENT_BORDER - BORDER) : 0;
  return { width: NODE_WIDTH, height: NODE_HEIGHT + (showsBadges(shape) ? BADGE_ROW_HEIGHT : 0) + border };
}

/** Where the node's input (left, middle) and output (right, middle) handles are expected. */
export function expectedHandles(shape: NodeShape): NodeHandle[] {
  const { width, height } = expectedSize(shape);
  const border = accented(shape) ? ACCENT_BORDER : BORDER;
  const box = { y: (height - HANDLE_SIZE) / 2, width: HANDLE_SIZE, height: HANDLE_SIZE };
  const handles: NodeHandle[] = [];
  if (takesInput(shape.component)) {
    handles.push({ type: "target", position: Position.Left, x: border - HANDLE_SIZE / 2, ...box });
  }
  if (hasOutput(shape.component)) {
    handles.push({ type: "source", position: Position.Right, x: width - border - HANDLE_SIZE / 2, ...box });
  }
  return handles;
}
