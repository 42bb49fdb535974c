/** Airflow connections a node can use (GET /connections), and testing one. */

import { getJson, requestJson } from "./client";

/** A connection's public fields; the API never sends its login, password or extra. */
export interface ConnectionInfo {
  conn_id: string;
  conn_type: string;
  host: string | null;
  port: number | null;
  schema: string | null;
  description: string | null;
  /** `metadata_db`, or `environment` for `AIRFLOW_CONN_*` variables. */
  source: string;
}

/** One page of connections; `conn_types` are those the node type accepts (null: any). */
export interface ConnectionPage {
  items: ConnectionInfo[];
  total: number;
  limit: number;
  offset: number;
  node_type: string | null;
  conn_types: string[] | null;
}

/** What to list: connections usable by `node_type`, whose id contains `search`. */
export interface ConnectionQuery {
  node_type?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

/** The outcome of a connection test, as Airflow's own test reports it. */
export interface ConnectionTestResult {
  status: boolean;
  message: string;
}

/** GET /connections. */
export function listConnections(query: ConnectionQuery, signal?: AbortSignal): Promise<ConnectionPage> {
  return getJson<ConnectionPage>("connections", { ...query }, signal);
}

/** POST /connections/{conn_id}/test; a 403 `test_connection_disabled` when Airflow turns testing off. */
export function testConnection(connId: string, signal?: AbortSignal): Promise<ConnectionTestResult> {
  return requestJson<ConnectionTestResult>("POST", `connections/${encodeURIComponent(connId)}/test`, { signal });
}
