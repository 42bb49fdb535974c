import "./testing/reactFlowSetup";

import { cleanup, screen, waitFor } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";

import { App } from "./App";
import { forgetPermissions } from "./permissions/usePermissions";
import { fakeRoutes, type SeenRequest } from "./pipeline/testing/fakeRoutes";
import { renderPage } from "./testing/renderPage";

// fetch is faked at the network boundary (src/testing/fakeApi.ts): every route answers an empty
// list, or 404 for a pipeline; the real API answers them in the Python integration tests.

afterEach(() => {
  cleanup();
  forgetPermissions();
});

function openAt(path: string): SeenRequest[] {
  const requests = fakeRoutes(({ path: asked }) => {
    if (asked.startsWith("pipelines/")) {
      return { status: 404, body: { detail: { error: "not_found", message: "pipeline not found" } } };
    }
    if (asked === "components") {
      return { status: 200, body: [] };
    }
    return { status: 200, body: { items: [], total: 0, limit: 25, offset: 0, permissions: [], name: "t", valid: true, errors: [] } };
  });
  // Airflow mounts the plugin at /plugin/<url_route>/* and renders its component there.
  renderPage(
    <Routes>
      <Route path="plugin/pipelines/*" element={<App />} />
    </Routes>,
    path,
  );
  return requests;
}

const paths = (requests: SeenRequest[]) => requests.map((request) => request.path);

describe("App", () => {
  it("shows the list of pipelines at the plugin's own address", async () => {
    const requests = openAt("/plugin/pipelines");
    expect(await screen.findByRole("heading", { name: "Pipelines" })).toBeTruthy();
    await waitFor(() => expect(paths(requests)).toContain("pipelines"));
  });

  it("shows the templates gallery under templates", async () => {
    const requests = openAt("/plugin/pipelines/templates");
    expect(await screen.findByRole("heading", { name: "Templates" })).toBeTruthy();
    await waitFor(() => expect(paths(requests)).toContain("templates"));
    expect(paths(requests)).not.toContain("pipelines/templates");
  });

  it("opens the builder on a pipeline id, and an empty one under new", async () => {
    const requests = openAt("/plugin/pipelines/orders_daily");
    await waitFor(() => expect(paths(requests)).toContain("pipelines/orders_daily"));
    expect(await screen.findByText("Could not load the pipeline")).toBeTruthy();
    cleanup();

    const fresh = openAt("/plugin/pipelines/new");
    expect(await screen.findByLabelText("Pipeline id")).toBeTruthy();
    expect(paths(fresh)).not.toContain("pipelines/new");
  });
});
