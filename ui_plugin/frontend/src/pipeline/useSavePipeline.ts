import { useState } from "react";

import { ApiError } from "../api/client";
import { getPipeline, type PipelineDetail } from "../api/components";
import { createPipeline, savePipeline } from "../api/versions";
import type { PipelineSpec } from "../spec/types";
import { errorText } from "./errorText";
import { forgetLocalDraft } from "./localDraft";

/** Where a save stands. A conflict means someone else saved first: reload theirs or overwrite. */
export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "failed"; message: string }
  | { kind: "conflict"; message: string; currentRowVersion: number };

/** What {@link useSavePipeline} gives its dialog. */
export interface SaveActions {
  state: SaveState;
  /** Create the pipeline (when `pipeline` is null) or save it as a new version. */
  save: (message: string) => Promise<void>;
  /** After a conflict: save the spec over the other change. */
  overwrite: (message: string) => Promise<void>;
  /** After a conflict: take the other change, dropping the spec being edited. */
  reloadTheirs: () => Promise<void>;
  reset: () => void;
}

/**
 * Save `spec` through the API. A failure keeps the spec as it is (and the local draft with it);
 * `onSaved` gets the pipeline as the server stored it.
 */
export function useSavePipeline(
  spec: PipelineSpec,
  pipeline: PipelineDetail | null,
  onSaved: (pipeline: PipelineDetail) => void,
): SaveActions {
  const [state, setState] = useState<SaveState>({ kind: "idle" });

  const run = async (request: () => Promise<PipelineDetail>) => {
    setState({ kind: "saving" });
    try {
      const saved = await request();
      if (!pipeline) {
        forgetLocalDraft(null);
      }
      setState({ kind: "idle" });
      onSaved(saved);
    } catch (error) {
      setState(failureOf(error));
    }
  };

  const save = (message: string) =>
    run(() => (pipeline ? savePipeline(spec, pipeline.row_version, message) : createPipeline(spec, message)));
  const overwrite = (message: string) =>
    run(() => savePipeline(spec, state.kind === "conflict" ? state.currentRowVersion : 0, message));
  const reloadTheirs = () => run(() => getPipeline(spec.id));
  return { state, save, overwrite, reloadTheirs, reset: () => setState({ kind: "idle" }) };
}

function failureOf(error: unknown): SaveState {
  if (error instanceof ApiError && error.detail?.error === "stale_row_version") {
    const current = (error.detail as { current_row_version?: unknown }).current_row_version;
    if (typeof current === "number") {
      return { kind: "conflict", message: error.message, currentRowVersion: current };
    }
  }
  if (error instanceof ApiError && error.status === 0) {
    return { kind: "failed", message: `${error.message} Nothing was saved; your changes are kept in this browser.` };
  }
  return { kind: "failed", message: errorText(error) };
}
