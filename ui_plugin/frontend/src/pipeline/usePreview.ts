import { useEffect, useRef, useState } from "react";

import { type PipelineSample, previewSpec } from "../api/preview";
import type { PipelineSpec } from "../spec/types";
import { errorText } from "./errorText";

/** Rows kept per node in a preview. */
export const PREVIEW_ROWS = 100;

/** A preview: not run, running, its sample (and the spec and node it ran), or why it failed. */
export type PreviewState =
  | { kind: "idle" }
  | { kind: "running"; node: string | null }
  | { kind: "done"; sample: PipelineSample; spec: PipelineSpec; node: string | null }
  | { kind: "failed"; message: string };

/** Run previews of a spec on the API server; a new run or `cancel` aborts the one in flight. */
export function usePreview(): {
  state: PreviewState;
  run: (spec: PipelineSpec, node: string | null) => void;
  cancel: () => void;
} {
  const [state, setState] = useState<PreviewState>({ kind: "idle" });
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);

  const run = (spec: PipelineSpec, node: string | null) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState({ kind: "running", node });
    previewSpec(spec, node, PREVIEW_ROWS, controller.signal).then(
      (sample) => setState({ kind: "done", sample, spec, node }),
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
