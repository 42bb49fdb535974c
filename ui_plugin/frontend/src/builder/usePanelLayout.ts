import { useCallback, useState } from "react";

/** The panels beside the canvas that fold away. */
export type FoldingPanel = "palette" | "settings";

/** Which panels are open; the browser remembers it for the next builder page. */
export type PanelLayout = Record<FoldingPanel, boolean>;

const STORAGE_KEY = "aggregator:builder-panels";
const ALL_OPEN: PanelLayout = { palette: true, settings: true };

function stored(): PanelLayout {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "null");
    if (typeof value === "object" && value !== null) {
      const { palette, settings } = value as Partial<Record<FoldingPanel, unknown>>;
      return { palette: palette !== false, settings: settings !== false };
    }
  } catch {
    // Unreadable or blocked storage: every panel open.
  }
  return ALL_OPEN;
}

/** The open panels, and a setter that also keeps them in localStorage (when it may). */
export function usePanelLayout(): [PanelLayout, (panel: FoldingPanel, open: boolean) => void] {
  const [layout, setLayout] = useState(stored);
  const setOpen = useCallback((panel: FoldingPanel, open: boolean) => {
    setLayout((current) => {
      const next = { ...current, [panel]: open };
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Storage full or blocked: the layout holds for this page only.
      }
      return next;
    });
  }, []);
  return [layout, setOpen];
}
