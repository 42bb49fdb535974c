/**
 * Answers by method and API path for the pipeline components' tests, on top of the fake
 * `fetch` of src/testing (the network boundary): everything above it runs as in Airflow.
 */
import { type Answer, fakeFetch } from "../../testing/fakeApi";
import type { PipelineDetail } from "../../api/components";
import type { PipelineSpec } from "../../spec/types";

/** One request as the API received it: method, path under /aggregator/api/, query and JSON body. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** Replace `fetch`; `answer` decides each reply. Returns the requests seen, in order. */
export function fakeRoutes(answer: (request: SeenRequest) => Answer): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const fake = fakeFetch((url) => {
    const init = fake.inits.at(-1) ?? {};
    const request: SeenRequest = {
      method: init.method ?? "GET",
      path: url.pathname.replace(/^\/aggregator\/api\//, ""),
      query: url.searchParams,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    seen.push(request);
    return answer(request);
  });
  return seen;
}

/** A two-node spec: a file source read by a file sink. */
export function twoNodeSpec(id = "orders_daily", fields: Partial<PipelineSpec> = {}): PipelineSpec {
  return {
    apiVersion: "aggregator/v1",
    id,
    nodes: [
      { id: "orders", type: "source.file", config: { path: "orders.csv", format: "csv" } },
      { id: "copy", type: "sink.file", inputs: ["orders"], config: { path: "copy.csv", format: "csv" } },
    ],
    ...fields,
  };
}

/** A pipeline as GET /pipelines/{id} returns it. */
export function pipelineDetail(spec: PipelineSpec, fields: Partial<PipelineDetail> = {}): PipelineDetail {
  return {
    id: spec.id,
    name: null,
    description: null,
    owner: "data-team",
    tags: [],
    status: "draft",
    draft_hash: "hash-1",
    row_version: 1,
    created_by: "admin",
    created_at: "2026-11-20T10:00:00Z",
    updated_by: "admin",
    updated_at: "2026-11-20T10:30:00Z",
    deleted_at: null,
    draft_spec: spec,
    latest_version: 1,
    published_version: null,
    ...fields,
  };
}
