import type { PipelineSpec } from "../spec/types";

/** An unsaved spec kept in this browser, and when it was written. */
export interface LocalDraft {
  spec: PipelineSpec;
  /** ISO 8601 time of the edit. */
  savedAt: string;
}

const PREFIX = "aggregator.pipeline-draft.";

/** The storage key of a pipeline's unsaved spec; a pipeline not saved yet uses "new". */
export function localDraftKey(pipelineId: string | null): string {
  return PREFIX + (pipelineId ?? "new");
}

/** The unsaved spec kept for a pipeline, or null (none, unreadable, or storage unavailable). */
export function readLocalDraft(pipelineId: string | null): LocalDraft | null {
  try {
    const text = window.localStorage.getItem(localDraftKey(pipelineId));
    const draft: unknown = text ? JSON.parse(text) : null;
    if (isLocalDraft(draft)) {
      return draft;
    }
  } catch {
    // Storage can be disabled or full; the draft is then simply not kept.
  }
  return null;
}

/** Keep `spec` as the pipeline's unsaved spec. */
export function writeLocalDraft(pipelineId: string | null, spec: PipelineSpec): void {
  const draft: LocalDraft = { spec, savedAt: new Date().toISOString() };
  try {
    window.localStorage.setItem(localDraftKey(pipelineId), JSON.stringify(draft));
  } catch {
    // As above: without storage the edit lives in the page only.
  }
}

/** Forget the pipeline's unsaved spec, once it is saved. */
export function forgetLocalDraft(pipelineId: string | null): void {
  try {
    window.localStorage.removeItem(localDraftKey(pipelineId));
  } catch {
    // Nothing was kept.
  }
}

function isLocalDraft(value: unknown): value is LocalDraft {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const { spec, savedAt } = value as Partial<LocalDraft>;
  return typeof savedAt === "string" && typeof spec === "object" && spec !== null && Array.isArray(spec.nodes);
}
