/**
 * A stand-in for the network in component tests: `fetch` is replaced at the browser
 * boundary, so everything above it (client, hooks, components) runs as in Airflow.
 * The real API answers these routes in the Python integration and browser tests.
 */
import { vi } from "vitest";

import type { Page, PipelineListItem } from "../api/pipelines";

export type Answer = { status: number; body: unknown } | "network-error" | "pending";

/** Replace `fetch`; `answer` decides the reply to each request URL. Returns the requests seen. */
export function fakeFetch(answer: (url: URL) => Answer): { requests: URL[]; inits: RequestInit[] } {
  const requests: URL[] = [];
  const inits: RequestInit[] = [];
  vi.stubGlobal("fetch", (input: URL | string, init: RequestInit = {}) => {
    const url = new URL(String(input));
    requests.push(url);
    inits.push(init);
    const reply = answer(url);
    if (reply === "network-error") {
      return Promise.reject(new TypeError("Failed to fetch"));
    }
    if (reply === "pending") {
      return new Promise<Response>(() => undefined);
    }
    return Promise.resolve(
      new Response(JSON.stringify(reply.body), {
        status: reply.status,
        headers: { "Content-Type": "application/json" },
      }),
    );
  });
  return { requests, inits };
}

/** A pipeline as GET /pipelines lists it. */
export function pipeline(id: string, fields: Partial<PipelineListItem> = {}): PipelineListItem {
  return {
    id,
    name: null,
    description: null,
    owner: "data-team",
    tags: [],
    status: "draft",
    row_version: 1,
    updated_by: "admin",
    updated_at: "2026-11-20T10:30:00Z",
    published_version: null,
    dag: { is_paused: null, last_run_state: null, last_run_at: null, next_run_at: null },
    ...fields,
  };
}

/** A page of pipelines answering `url` (its limit and offset), out of `all`. */
export function pageOf(all: PipelineListItem[], url: URL): Page<PipelineListItem> {
  const limit = Number(url.searchParams.get("limit") ?? "50");
  const offset = Number(url.searchParams.get("offset") ?? "0");
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
}
