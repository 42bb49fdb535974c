/** The Airflow connections a node type can use, for a connection picker. */

import { useCallback, useEffect, useState } from "react";

import type { ApiError } from "../../api/client";
import { type ConnectionInfo, listConnections } from "../../api/connections";

/** Most connections offered; more are still reachable by typing their id. */
export const CONNECTIONS_SHOWN = 200;

/** Where loading the connections stands. */
export type ConnectionsState =
  | { kind: "loading" }
  | { kind: "loaded"; connections: ConnectionInfo[]; total: number; connTypes: string[] | null }
  | { kind: "failed"; error: ApiError };

/** GET /connections?node_type=…, again on `reload`. */
export function useConnections(nodeType: string): { state: ConnectionsState; reload: () => void } {
  const [state, setState] = useState<ConnectionsState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: "loading" });
    listConnections({ node_type: nodeType, limit: CONNECTIONS_SHOWN }, controller.signal).then(
      (page) => setState({ kind: "loaded", connections: page.items, total: page.total, connTypes: page.conn_types }),
      (error: ApiError) => {
        if (!controller.signal.aborted) {
          setState({ kind: "failed", error });
        }
      },
    );
    return () => controller.abort();
  }, [nodeType, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, reload };
}
