/** How a node looks: a glyph per registry icon name, a colour per Airflow task state and diff mark. */
import type { DiffMark } from "../pipeline/diffMarks";

export type { DiffMark };

// Characters of the Geometric Shapes, Arrows and Mathematical Operators blocks, which the
// usual UI fonts have (emoji and rarer symbols show as empty boxes on many systems).
const GLYPHS: Record<string, string> = {
  file: "▤",
  "file-output": "⇥",
  database: "⛁",
  globe: "◎",
  filter: "▽",
  merge: "⋈",
  sigma: "Σ",
  function: "ƒ",
  code: "{}",
  columns: "▥",
  type: "T",
  "arrow-down-wide-narrow": "↓",
  "list-end": "≡",
  "copy-minus": "⊖",
  fill: "◐",
  "table-2": "▦",
  "unfold-vertical": "⇕",
  "book-open": "⇄",
  layers: "☰",
};

/** A glyph for a registry icon name (lucide names), a diamond for unknown ones. */
export function glyphOf(icon: string | null | undefined): string {
  return (icon && GLYPHS[icon]) || "◆";
}

const STATE_PALETTES: Record<string, string> = {
  success: "green",
  failed: "red",
  upstream_failed: "orange",
  running: "cyan",
  restarting: "purple",
  deferred: "purple",
  queued: "gray",
  scheduled: "yellow",
  up_for_retry: "yellow",
  up_for_reschedule: "teal",
  skipped: "pink",
  removed: "gray",
};

/** The colour palette of an Airflow task state (gray for states it does not know). */
export function paletteOfState(state: string): string {
  return STATE_PALETTES[state] ?? "gray";
}

const DIFF_PALETTES: Record<DiffMark, string> = { added: "green", removed: "red", changed: "orange" };

/** The colour palette of a diff mark. */
export function paletteOfDiff(mark: DiffMark): string {
  return DIFF_PALETTES[mark];
}
