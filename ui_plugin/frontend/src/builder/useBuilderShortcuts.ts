import { useEffect, useRef } from "react";

/** What the builder's keyboard shortcuts do. */
export interface BuilderShortcutHandlers {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
}

/** A shortcut as the help lists it. */
export interface ShortcutHelp {
  keys: string;
  does: string;
}

/** Every shortcut of the canvas, for the help popover. */
export const SHORTCUTS: ShortcutHelp[] = [
  { keys: "Ctrl/⌘ + Z", does: "Undo" },
  { keys: "Shift + Ctrl/⌘ + Z, Ctrl + Y", does: "Redo" },
  { keys: "Ctrl/⌘ + C", does: "Copy the selected nodes" },
  { keys: "Ctrl/⌘ + V", does: "Paste them (new ids, edges between them kept)" },
  { keys: "Delete, Backspace", does: "Delete the selected nodes and edges" },
  { keys: "Shift + drag", does: "Select the nodes in a box" },
  { keys: "Ctrl/⌘ + click", does: "Add a node to the selection" },
];

/**
 * Undo, redo, copy and paste from the keyboard while the builder is open. Keys typed into a
 * text field keep their usual meaning there (undoing typing, copying text).
 */
export function useBuilderShortcuts(handlers: BuilderShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextEntry(event.target)) {
        return;
      }
      const action = actionOf(event);
      if (action === null || (action === "copy" && hasTextSelection())) {
        return;
      }
      event.preventDefault();
      latest.current[action]();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}

function actionOf(event: KeyboardEvent): keyof BuilderShortcutHandlers | null {
  const key = event.key.toLowerCase();
  if (key === "z") {
    return event.shiftKey ? "redo" : "undo";
  }
  if (key === "y" && !event.shiftKey) {
    return "redo";
  }
  if (key === "c" && !event.shiftKey) {
    return "copy";
  }
  if (key === "v" && !event.shiftKey) {
    return "paste";
  }
  return null;
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && selection.toString().length > 0;
}
