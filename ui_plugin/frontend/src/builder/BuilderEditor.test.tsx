import "../testing/reactFlowSetup";

import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";

import { App } from "../App";
import type { NodeSample, PipelineSample } from "../api/preview";
import { connectionPage } from "../forms/testing/panelHarness";
import { ALL_COMPONENTS } from "../forms/testing/registryDump";
import { forgetPermissions } from "../permissions/usePermissions";
import { fakeRoutes, pipelineDetail, type SeenRequest } from "../pipeline/testing/fakeRoutes";
import type { PipelineSpec } from "../spec/types";
import { renderPage } from "../testing/renderPage";
import { EDITOR } from "./testing/builderApi";

// fetch is faked at the network boundary; the node types are the real registry's (a dump of
// GET /components), so the forms read the registry's own column markers.

afterEach(() => {
  cleanup();
  forgetPermissions();
  window.localStorage.clear();
});

const spec: PipelineSpec = {
  apiVersion: "aggregator/v1",
  id: "orders_daily",
  nodes: [
    { id: "orders", type: "source.file", config: { path: "orders.csv" }, ui: { position: { x: 0, y: 0 } } },
    {
      id: "keep",
      type: "transform.select",
      inputs: ["orders"],
      config: { columns: ["order_id"] },
      ui: { position: { x: 260, y: 0 } },
    },
    {
      id: "load",
      type: "sink.file",
      inputs: ["keep"],
      config: { path: "out.parquet" },
      ui: { position: { x: 520, y: 0 } },
    },
  ],
};

function ran(nodeId: string, nodeType: string, columns: string[]): NodeSample {
  return {
    node_id: nodeId,
    node_type: nodeType,
    status: "ok",
    schema: columns.map((name) => ({ name, type: "string" })),
    rows: [],
    row_count: 0,
    truncated: false,
    limit: null,
    seconds: 0.01,
    error: null,
    reason: null,
  };
}

const sample: PipelineSample = {
  pipeline_id: "orders_daily",
  seconds: 0.05,
  nodes: [
    ran("orders", "source.file", ["order_id", "amount", "status"]),
    ran("keep", "transform.select", ["order_id"]),
  ],
};

function openBuilder(): SeenRequest[] {
  const pipeline = pipelineDetail(spec);
  const seen = fakeRoutes(({ method, path, query }) => {
    if (path === "components") {
      return { status: 200, body: ALL_COMPONENTS };
    }
    if (path === "me") {
      return { status: 200, body: { name: "tester", permissions: EDITOR } };
    }
    if (path === "connections") {
      return { status: 200, body: connectionPage(query.get("node_type")) };
    }
    if (method === "POST" && path === "validate") {
      return { status: 200, body: { valid: true, errors: [] } };
    }
    if (method === "POST" && path === "preview") {
      return { status: 200, body: sample };
    }
    if (path === `pipelines/${pipeline.id}`) {
      return { status: 200, body: pipeline };
    }
    return { status: 404, body: { detail: { error: "not_found", message: `No ${path} here.` } } };
  });
  renderPage(
    <Routes>
      <Route path="plugin/pipelines/*" element={<App />} />
    </Routes>,
    "/plugin/pipelines/orders_daily",
  );
  return seen;
}

/** How long a selected node's settings may take to show. */
const FORM_MS = 5000;

async function select(id: string): Promise<HTMLElement> {
  await waitFor(() => expect(screen.queryByLabelText(`Node ${id}`)).toBeTruthy());
  fireEvent.click(screen.getByLabelText(`Node ${id}`));
  // The selection renders the settings in a transition, which a busy machine may draw late.
  return screen.findByRole("form", { name: `Settings of ${id}` }, { timeout: FORM_MS });
}

/** The columns the datalist of `box` offers, or null when it has none. */
function suggested(box: HTMLElement): string[] | null {
  const listId = box.getAttribute("list");
  const list = listId ? document.getElementById(listId) : null;
  return list ? [...list.querySelectorAll("option")].map((option) => option.value) : null;
}

// Whole builder sessions: more than the default 5 s on a busy machine.
const SESSION_MS = 30_000;

describe("BuilderEditor column suggestions", () => {
  it("suggests the columns the last preview found upstream, while the nodes above stay as they were", async () => {
    openBuilder();
    let form = await select("keep");
    expect(suggested(within(form).getByLabelText(/^Columns/))).toBeNull();
    expect(within(form).queryByRole("note", { name: "Column suggestions" })).toBeNull();

    fireEvent.click(screen.getByRole("tab", { name: "Preview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Preview up to keep" }));
    const note = await within(form).findByRole("note", { name: "Column suggestions" });
    expect(note.textContent).toContain("Columns of orders, from the last preview.");
    expect(suggested(within(form).getByLabelText(/^Columns/))).toEqual(["order_id", "amount", "status"]);
    expect(suggested(within(form).getByLabelText(/^Drop/))).toEqual(["order_id", "amount", "status"]);
    // Rename's keys are input columns; its values are new names.
    fireEvent.click(within(form).getByRole("button", { name: "Add to Rename" }));
    expect(suggested(within(form).getByLabelText("Rename 1 name"))).toEqual(["order_id", "amount", "status"]);
    expect(within(form).getByLabelText("Rename 1 value").getAttribute("list")).toBeNull();
    fireEvent.click(within(form).getByRole("button", { name: "Remove entry 1" }));

    // Editing the node keeps its inputs' columns...
    const columns = within(form).getByLabelText(/^Columns/);
    fireEvent.change(columns, { target: { value: "amount" } });
    fireEvent.keyDown(columns, { key: "Enter" });
    const items = () => within(form).getAllByRole("listitem").map((item) => item.textContent);
    await waitFor(() => expect(items()).toEqual(["order_id", "amount"]));
    expect(suggested(within(form).getByLabelText(/^Columns/))).toEqual(["order_id", "amount", "status"]);

    // ...but what the node gave in the preview no longer counts for the nodes reading it.
    form = await select("load");
    expect(within(form).queryByRole("note", { name: "Column suggestions" })).toBeNull();
    expect(suggested(within(form).getByLabelText(/^Partition By/))).toBeNull();
  }, SESSION_MS);

  it("offers the output of an unchanged node to the nodes reading it", async () => {
    openBuilder();
    await select("load");
    fireEvent.click(screen.getByRole("tab", { name: "Preview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Preview up to load" }));
    const form = screen.getByRole("form", { name: "Settings of load" });
    const note = await within(form).findByRole("note", { name: "Column suggestions" });
    expect(note.textContent).toContain("Columns of keep, from the last preview.");
    expect(suggested(within(form).getByLabelText(/^Partition By/))).toEqual(["order_id"]);
  }, SESSION_MS);
});
