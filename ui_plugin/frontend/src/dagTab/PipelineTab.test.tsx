import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeFetch, pipeline, type Answer } from "../testing/fakeApi";
import { renderPage } from "../testing/renderPage";
import { PipelineTab } from "./PipelineTab";
import { APP_NAMES, registerApps } from "./registerApps";

afterEach(cleanup);

const NOT_FOUND: Answer = {
  status: 404,
  body: { detail: { error: "not_found", message: "no pipeline 'hand_written'", field: "id" } },
};

/** GET /pipelines/orders_daily/publication as the API answers it once version 3 is parsed. */
function publication(fields: Record<string, unknown> = {}) {
  return {
    pipeline_id: "orders_daily",
    published: true,
    version: 3,
    content_hash: "5e1c",
    published_by: "op",
    published_at: "2026-11-27T14:00:00Z",
    dag_id: "orders_daily",
    parse: { state: "parsed", message: null, last_parsed_time: "2026-11-27T14:01:00Z", parsed_content_hash: "5e1c" },
    dag_url: "/dags/orders_daily",
    history: [],
    ...fields,
  };
}

/** The tab on a DAG's page, fetch faked at the network boundary. */
function showTab(dagId: string, answers: Record<string, Answer>) {
  const seen = fakeFetch((url) => answers[url.pathname.replace("/aggregator/api/", "")] ?? NOT_FOUND);
  renderPage(<PipelineTab dagId={dagId} />, `/dags/${dagId}/plugin/pipeline`);
  return seen;
}

const DETAIL = {
  ...pipeline("orders_daily", { name: "Daily orders", status: "published" }),
  draft_spec: { apiVersion: "aggregator/v1", id: "orders_daily", nodes: [] },
  latest_version: 4,
  published_version: 3,
};

describe("PipelineTab", () => {
  it("shows the pipeline, the version the DAG runs, its parse state and a link to that version", async () => {
    const { requests } = showTab("orders_daily", {
      "pipelines/orders_daily": { status: 200, body: DETAIL },
      "pipelines/orders_daily/publication": { status: 200, body: publication() },
    });
    expect(await screen.findByRole("heading", { name: "Daily orders" })).toBeTruthy();
    expect(screen.getByText(/^version 3, published by op/)).toBeTruthy();
    expect(screen.getByText("parsed")).toBeTruthy();
    expect(screen.getByText("version 4 is saved but not published")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open in builder" }).getAttribute("href")).toBe(
      "/plugin/pipelines/orders_daily?version=3",
    );
    expect(requests.map((url) => url.pathname).sort()).toEqual([
      "/aggregator/api/pipelines/orders_daily",
      "/aggregator/api/pipelines/orders_daily/publication",
    ]);
  });

  it("says why Airflow does not run the published version", async () => {
    showTab("orders_daily", {
      "pipelines/orders_daily": { status: 200, body: DETAIL },
      "pipelines/orders_daily/publication": {
        status: 200,
        body: publication({
          parse: {
            state: "error",
            message: "pipelines/main/orders_daily.json: nodes[1].config.path: field required",
            last_parsed_time: null,
            parsed_content_hash: null,
            is_paused: false,
          },
        }),
      },
    });
    expect(await screen.findByText("broken")).toBeTruthy();
    expect(screen.getByText(/nodes\[1\]\.config\.path: field required/)).toBeTruthy();
  });

  it("links an unpublished pipeline to its draft", async () => {
    showTab("orders_daily", {
      "pipelines/orders_daily": { status: 200, body: { ...DETAIL, published_version: null } },
      "pipelines/orders_daily/publication": {
        status: 200,
        body: publication({
          published: false,
          version: null,
          published_by: null,
          published_at: null,
          parse: {
            state: "not_published",
            message: null,
            last_parsed_time: null,
            parsed_content_hash: null,
            is_paused: null,
          },
        }),
      },
    });
    expect(await screen.findByText("none: the pipeline is not published")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open in builder" }).getAttribute("href")).toBe("/plugin/pipelines/orders_daily");
  });

  it("notes that a DAG without a pipeline was not built from a spec", async () => {
    showTab("hand_written", {});
    expect(await screen.findByText(/not built from a pipeline spec/)).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Open in builder" })).toBeNull();
  });

  it("names the missing permission, and retries other failures", async () => {
    let status = 500;
    fakeFetch(() =>
      status === 403
        ? {
            status: 403,
            body: {
              detail: {
                error: "permission_denied",
                message: "This needs the permission can_read on Aggregator Pipelines",
                missing_permission: { action: "can_read", resource: "Aggregator Pipelines" },
              },
            },
          }
        : { status, body: { detail: { error: "internal", message: "database is locked" } } },
    );
    renderPage(<PipelineTab dagId="orders_daily" />);
    expect(await screen.findByText("database is locked")).toBeTruthy();
    status = 403;
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText(/You need can_read on Aggregator Pipelines/)).toBeTruthy();
  });
});

describe("registerApps", () => {
  it("publishes each app's component under the name the plugin registers", () => {
    const page = () => null;
    registerApps(page);
    const globals = globalThis as unknown as Record<string, unknown>;
    expect(globals.Pipelines).toBe(page);
    expect(globals.Pipeline).toBe(PipelineTab);
    delete globals[APP_NAMES.pipelinesPage];
    delete globals[APP_NAMES.pipelineTab];
  });
});
