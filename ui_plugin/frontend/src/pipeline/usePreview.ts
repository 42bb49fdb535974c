import { createContext, useContext, useEffect, useRef, useState } from "react";

import { type PipelineSample, previewSpec } from "../api/preview";
import type { PipelineSpec } from "../spec/types";
import type { PreviewOutcome } from "../spec/upstreamColumns";
import { errorText } from "./errorText";

/** Rows kept per node in a preview. */
export const PREVIEW_ROWS = 100;

/** A preview: not run, running, its sample (and the spec and node it ran), or why it failed. */
export type PreviewState =
  | { kind: "idle" }
  | { kind: "running"; node: string | null }
  | { kind: "done"; sample: PipelineSample; spec: PipelineSpec; node: string | null }
  | { kind: "failed"; message: string };

/**
 * Told of every preview that finishes in the editor it is provided in: the builder keeps the last
 * one, so the node settings can suggest the columns each node gave.
 */
export const PreviewOutcomeListener = createContext<((outcome: PreviewOutcome) => void) | null>(null);

/**
 * Run previews of a spec on the API server; a new run or `cancel` aborts the one in flight. A
 * finished run is also handed to the {@link PreviewOutcomeListener}, when one is provided.
 */
export function usePreview(): {
  state: PreviewState;
  run: (spec: PipelineSpec, node: string | null) => void;
  cancel: () => void;
} {
  const [state, setState] = useState<PreviewState>({ kind: "idle" });
  const inFlight = useRef<AbortController | null>(null);
  const listener = useContext(PreviewOutcomeListener);
  useEffect(() => () => inFlight.current?.abort(), []);

  const run = (spec: PipelineSpec, node: string | null) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState({ kind: "running", node });
    previewSpec(spec, node, PREVIEW_ROWS, controller.signal).then(
      (sample) => {
        setState({ kind: "done", sample, spec, node });
        listener?.({ spec, sample });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: "failed", message: errorText(error) });
        }
      },
    );
  };
  const cancel = () => {
    inFlight.current?.abort();
    inFlight.current = null;
    setState({ kind: "idle" });
  };
  return { state, run, cancel };
}
