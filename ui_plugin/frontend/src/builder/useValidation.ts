import { startTransition, useEffect, useState } from "react";

import { ApiError } from "../api/client";
import { validateSpec } from "../api/components";
import { useDebouncedValue } from "../pages/useDebouncedValue";
import type { PipelineSpec, SpecIssue } from "../spec/types";
import { issuesByNode, pipelineIssues } from "./nodeIssues";

/** How long the spec must stay unchanged before it is checked again. */
export const VALIDATION_DELAY_MS = 400;

/** The problems of the spec as last checked, whether a check is running, and why it could not run. */
export interface ValidationState {
  issues: SpecIssue[];
  /** The issues of each node of the spec that was checked, by node id. */
  byNode: Record<string, SpecIssue[]>;
  /** The issues about the pipeline as a whole. */
  general: SpecIssue[];
  checking: boolean;
  error: ApiError | null;
}

/** Check `spec` with POST /validate whenever it settles; a newer spec cancels an older check. */
export function useValidation(spec: PipelineSpec): ValidationState {
  const settled = useDebouncedValue(spec, VALIDATION_DELAY_MS);
  const [state, setState] = useState<ValidationState>({
    issues: [],
    byNode: {},
    general: [],
    checking: true,
    error: null,
  });

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ ...current, checking: true }));
    // The answer redraws the problem counts on every node: at a lower priority than typing.
    validateSpec(settled, controller.signal).then(
      (result) =>
        startTransition(() =>
          setState({
            issues: result.errors,
            byNode: issuesByNode(settled, result.errors),
            general: pipelineIssues(settled, result.errors),
            checking: false,
            error: null,
          }),
        ),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          const failure = error instanceof ApiError ? error : new ApiError(0, String(error));
          setState({ issues: [], byNode: {}, general: [], checking: false, error: failure });
        }
      },
    );
    return () => controller.abort();
  }, [settled]);

  return state;
}
