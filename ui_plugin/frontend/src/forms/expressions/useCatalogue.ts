/** The expression functions of GET /catalogue, loaded once per page and shared by every help popover. */

import { useCallback, useEffect, useState } from "react";

import type { ApiError } from "../../api/client";
import { type ExpressionFunction, getCatalogue } from "../../api/catalogue";

/** Where loading the functions stands. */
export type CatalogueState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "loaded"; functions: ExpressionFunction[] }
  | { kind: "failed"; error: ApiError };

let loaded: Promise<ExpressionFunction[]> | undefined;

function functions(): Promise<ExpressionFunction[]> {
  loaded ??= getCatalogue().then(
    (catalogue) => catalogue.functions,
    (error: unknown) => {
      // A failure is not kept, so the next attempt asks again.
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}

/** The expression functions, fetched when `wanted` first becomes true; `retry` after a failure. */
export function useCatalogue(wanted: boolean): { state: CatalogueState; retry: () => void } {
  const [state, setState] = useState<CatalogueState>({ kind: "idle" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted) {
      return;
    }
    let current = true;
    setState((previous) => (previous.kind === "loaded" ? previous : { kind: "loading" }));
    functions().then(
      (list) => current && setState({ kind: "loaded", functions: list }),
      (error: ApiError) => current && setState({ kind: "failed", error }),
    );
    return () => {
      current = false;
    };
  }, [wanted, attempt]);
  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, retry };
}
