import { useEffect, useState } from "react";

import type { ValidationResult } from "../api/components";
import { validateSpecText } from "../api/preview";
import { errorText } from "./errorText";

/** The server's verdict on a spec text: checking, its problems, or why it could not check. */
export type ValidationState =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "checked"; result: ValidationResult }
  | { kind: "failed"; message: string };

/** Check `text` against the spec format and the node types (POST /validate); null checks nothing. */
export function useSpecValidation(text: string | null): ValidationState {
  const [state, setState] = useState<ValidationState>({ kind: "idle" });
  useEffect(() => {
    if (text === null) {
      setState({ kind: "idle" });
      return;
    }
    const controller = new AbortController();
    setState({ kind: "checking" });
    validateSpecText(text, controller.signal).then(
      (result) => setState({ kind: "checked", result }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: "failed", message: errorText(error) });
        }
      },
    );
    return () => controller.abort();
  }, [text]);
  return state;
}
