/**
 * Calls to the aggregator API, signed in the way Airflow's own UI is: the browser sends
 * Airflow's session cookie (`_token`) with every same-origin request, so no token is
 * handled here.
 */

import { arrivedBodies, type EarlyAnswer, takeEarlyAnswer } from "./earlyRequests";

/** Where the aggregator API is mounted, relative to Airflow's base URL. */
export const API_PATH = "aggregator/api/";

/** Where Airflow's own REST API is, relative to Airflow's base URL. */
export const AIRFLOW_API_PATH = "api/v2/";

/** The JSON error body every 4xx of the API carries under `detail`. */
export interface ErrorDetail {
  error: string;
  message: string;
  field?: string | null;
  missing_permission?: { action: string; resource: string };
}

/** A request the API refused or could not answer. `status` is 0 when it was never reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: ErrorDetail | undefined;

  constructor(status: number, message: string, detail?: ErrorDetail) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
  }
}

export type QueryValue = string | number | boolean | undefined;

/** The absolute URL of an API path, honouring a base path Airflow may be served under. */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}, base: string = API_PATH): URL {
  const url = new URL(base + path.replace(/^\//, ""), document.baseURI);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") {
      url.searchParams.set(name, String(value));
    }
  }
  return url;
}

/** GET `path` and return its JSON body; any non-2xx answer becomes an {@link ApiError}. */
export function getJson<T>(path: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T> {
  return requestJson<T>("GET", path, { query, signal });
}

/**
 * The JSON bodies of GETs of `paths` (below the aggregator API) if the page's early requests
 * for all of them have already been answered with a 200; otherwise undefined. With `take`
 * they are used up: the next GET of each asks the server.
 */
export function arrivedJson(paths: string[], options: { take?: boolean } = {}): unknown[] | undefined {
  return arrivedBodies(
    paths.map((path) => apiUrl(path)),
    options,
  );
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Options of {@link requestJson}. */
export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** The API the path is under: the aggregator's (default) or Airflow's ({@link AIRFLOW_API_PATH}). */
  base?: string;
}

/**
 * Send a request and return its JSON body (`undefined` for 204). Any non-2xx answer becomes an
 * {@link ApiError} carrying the API's error detail (409 on a stale save, 422 naming a field);
 * a request that never reached the server is an ApiError with status 0.
 */
export async function requestJson<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const { query = {}, body, signal, base = API_PATH } = options;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const url = apiUrl(path, query, base);
  const api = base === API_PATH ? "The aggregator API" : "Airflow's API";
  const send = (): Promise<EarlyAnswer> =>
    fetch(url, {
      method,
      credentials: "same-origin",
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    }).then((response) => ({ response }));
  const early = method === "GET" ? takeEarlyAnswer(url) : undefined;
  let response: Response;
  let earlyJson: EarlyAnswer["json"];
  try {
    // An early request that failed is sent again, now.
    ({ response, json: earlyJson } = await (early ? early.catch(send) : send()));
    if (signal?.aborted) {
      // An early answer was not sent with the caller's signal: a caller gone meanwhile gets
      // the abort, and the answer's body is let go.
      if (!earlyJson) {
        void response.body?.cancel();
      }
      signal.throwIfAborted();
    }
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    throw new ApiError(0, `${api} could not be reached. Check that Airflow's API server is running.`);
  }
  if (earlyJson) {
    return earlyJson.body as T;
  }
  if (!response.ok) {
    throw await errorOf(response, api);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

async function errorOf(response: Response, api: string): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const detail = isErrorDetail(body) ? body.detail : undefined;
  // Airflow's own API says what went wrong as a plain string under `detail`.
  const plain = typeof body === "object" && body !== null && typeof (body as { detail?: unknown }).detail === "string";
  const message =
    detail?.message ??
    (plain ? `${api} answered ${response.status}: ${(body as { detail: string }).detail}` : undefined) ??
    `${api} answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, message, detail);
}

function isErrorDetail(body: unknown): body is { detail: ErrorDetail } {
  if (typeof body !== "object" || body === null || !("detail" in body)) {
    return false;
  }
  const detail = (body as { detail: unknown }).detail;
  return typeof detail === "object" && detail !== null && typeof (detail as ErrorDetail).message === "string";
}
